package dev.fabric.ingest;

import dev.fabric.events.serde.EventSerdes;
import dev.fabric.hydra.client.ReconnectBackoff;
import dev.fabric.ingest.adapter.head.HeadPipeline;
import dev.fabric.ingest.adapter.head.HeadStatus;
import dev.fabric.ingest.adapter.head.IngestMetrics;
import dev.fabric.ingest.adapter.kafka.AvroTrust;
import dev.fabric.ingest.config.IngestConfig;
import dev.fabric.ingest.config.IngestSettings;
import dev.fabric.ingest.domain.market.FabricAddresses;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Starts one {@link HeadPipeline} per configured head at start-up and stops them at shutdown. A
 * pipeline that cannot start yet (Kafka unreachable) is retried with backoff; readiness stays down
 * meanwhile.
 */
@ApplicationScoped
public class IngestRuntime {

    private static final Logger LOG = Logger.getLogger(IngestRuntime.class);

    static {
        AvroTrust.ensureTrusted();
    }

    @Inject
    IngestConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private final List<HeadPipeline> pipelines = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService starter;

    void onStart(@Observes StartupEvent event) {
        IngestSettings.validate(config);
        Clock clock = Clock.systemUTC();
        IngestMetrics metrics = new IngestMetrics(registry, clock);
        FabricAddresses addresses = FabricAddresses.ofBlueprint(config.networkId());
        Map<String, Object> clientConfig = new HashMap<>(kafkaConfig);
        Map<String, Object> serdeConfig = new HashMap<>(clientConfig);
        config.registryUrl().ifPresent(url -> serdeConfig.put(EventSerdes.REGISTRY_URL, url));
        starter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ingest-starter");
            t.setDaemon(true);
            return t;
        });
        for (IngestConfig.Head head : config.heads()) {
            HeadPipeline pipeline = new HeadPipeline(new HeadPipeline.Settings(head.name(), head.wsUrl(),
                    IngestSettings.httpUri(head), addresses, clientConfig, serdeConfig,
                    config.producer().linger(), config.producer().batchSize(), config.producer().compression(),
                    config.producer().transactionTimeout(), config.transactions().queueCapacity(),
                    config.transactions().maxRecords(), config.transactions().maxTime(),
                    config.transactions().retryBackoff(), config.transactions().idleCommit(),
                    new ReconnectBackoff(config.reconnect().initial(), config.reconnect().max(), 2.0, 0.2), clock,
                    config.marketProgressInterval()), metrics);
            pipelines.add(pipeline);
            startWithRetry(pipeline, Duration.ofSeconds(1));
        }
        LOG.infof("bid-ingest reading %d head(s): %s", pipelines.size(), config.heads().stream().map(IngestConfig.Head::name).toList());
    }

    private void startWithRetry(HeadPipeline pipeline, Duration delay) {
        starter.execute(() -> {
            try {
                pipeline.start();
            } catch (RuntimeException e) {
                Duration next = delay.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : delay.multipliedBy(2);
                LOG.warnf("%s: cannot start yet (%s); retrying in %d ms", pipeline.nodeId(), e.getMessage(), delay.toMillis());
                starter.schedule(() -> startWithRetry(pipeline, next), delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        if (starter != null) {
            starter.shutdownNow();
        }
        pipelines.forEach(HeadPipeline::close);
    }

    public List<HeadStatus> status() {
        return pipelines.stream().map(HeadPipeline::status).toList();
    }
}
