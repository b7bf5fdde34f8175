package dev.fabric.grid.launch;

import com.bloxbean.cardano.client.common.model.Networks;
import com.bloxbean.cardano.client.common.model.Network;
import dev.fabric.events.v1.reputation.Attestation;
import dev.fabric.grid.chaos.FaultyLink;
import dev.fabric.grid.dashboard.DashboardServer;
import dev.fabric.grid.sim.ApplicationActor;
import dev.fabric.grid.sim.AuditorActor;
import dev.fabric.grid.sim.BidMix;
import dev.fabric.grid.sim.SimulatedCluster;
import dev.fabric.grid.view.MarketFeed;
import dev.fabric.grid.view.MarketSnapshot;
import dev.fabric.grid.view.MarketView;
import dev.fabric.grid.view.Repeat;
import dev.fabric.hydra.api.HydraJson;
import dev.fabric.hydra.api.Utxo;
import dev.fabric.hydra.client.HydraHttpClient;
import dev.fabric.plutus.eval.ScriptEvaluator;
import dev.fabric.plutus.eval.SlotTiming;
import dev.fabric.plutus.params.ProtocolParameters;
import dev.fabric.plutus.tx.FabricTransactions;
import dev.fabric.topics.Topics;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.jboss.logging.Logger;

/**
 * The whole market on one machine: embedded Kafka and the Hydra devnet in their own JVMs, the five
 * services (one deployer per operator, each against its own simulated cluster), then the simulated
 * applications and auditor, the market view and the dashboard. Kafka and the devnet start first, the
 * services then start together; {@link #close()} stops everything in reverse. A second start on the
 * same data folder resumes.
 */
public final class LocalGrid implements AutoCloseable {

    /** The broker's and the devnet's JUL manager: the log context {@link LoggedMain} configures (else the JDK complains). */
    private static final String LOG_MANAGER = "-Djava.util.logging.manager=org.jboss.logmanager.LogManager";

    private static final Logger LOG = Logger.getLogger(LocalGrid.class);
    private static final Network NETWORK = Networks.testnet();
    private static final int COINS_PER_PARTY = 20;
    /** Processes started at once: JVM start-up is CPU-bound, so about the core count of a laptop. */
    private static final int START_PARALLELISM = 3;
    private static final long ADA_PER_COIN = 2_000;
    /** Operators' shapes, prices and reliability: varied so the market has winners and losers. */
    private static final List<OperatorProfile> PROFILES = List.of(
            new OperatorProfile("eu-west", "cpu-standard", 0.97, 100, new SimulatedCluster.Shape(4, 16_000, 65_536, 500, 0)),
            new OperatorProfile("us-east", "gpu-a100", 0.9, 80, new SimulatedCluster.Shape(2, 32_000, 131_072, 1_000, 2)),
            new OperatorProfile("eu-west", "cpu-budget", 0.65, 60, new SimulatedCluster.Shape(3, 8_000, 32_768, 200, 0)),
            new OperatorProfile("us-east", "cpu-standard", 0.85, 120, new SimulatedCluster.Shape(4, 16_000, 65_536, 500, 1)));

    private record OperatorProfile(String region, String hardwareClass, double reliability, int pricePercent,
                                   SimulatedCluster.Shape shape) {
    }

    private final GridSettings settings;
    private final Consumer<String> progress;
    private final GridIdentities identities;
    private final ProcessSupervisor supervisor;
    private final List<SimulatedCluster> clusters = new ArrayList<>();
    private final MarketView view = new MarketView();
    private final Object viewLock = new Object();
    private final ScheduledExecutorService simulation = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "market-simulation");
        t.setDaemon(true);
        return t;
    });
    private Vertx vertx;
    private DashboardServer dashboard;
    private MarketFeed feed;
    private KafkaProducer<String, Attestation> attestations;
    private BigInteger initialLovelace;

    private final boolean faultyHeadLink;
    private volatile boolean bidding = true;
    private FaultyLink headLink;

    /** A grid whose services talk to the head directly. */
    public LocalGrid(GridSettings settings, Consumer<String> progress) {
        this(settings, progress, false);
    }

    /**
     * @param faultyHeadLink route the services' head connections (ingest, settlement, deployers)
     *                       through a {@link FaultyLink} that chaos runs drop and stall
     */
    public LocalGrid(GridSettings settings, Consumer<String> progress, boolean faultyHeadLink) {
        this.settings = settings;
        this.progress = progress;
        this.faultyHeadLink = faultyHeadLink;
        this.identities = new GridIdentities(settings.operators(), settings.applications());
        this.supervisor = new ProcessSupervisor(settings.logs(), progress);
    }

    /** Starts everything; returns once the market is running. */
    public void start() {
        requireBuiltServices();
        Map<String, Path> keyFiles = identities.writeKeyFiles(settings.keys());
        Path initialUtxo = writeInitialFunds();
        String classpath = System.getProperty("java.class.path");
        String java = ProcessHandle.current().info().command().orElse("java");
        String kafka = "localhost:" + settings.kafkaPort();
        String devnetHttp = "http://localhost:" + settings.devnetPort();
        int servicesHeadPort = settings.devnetPort();
        if (faultyHeadLink) {
            headLink = FaultyLink.start(0, settings.devnetPort());
            servicesHeadPort = headLink.port();
        }
        // the services reach the head through the faulty link when there is one; the simulated applications never do
        String headHttp = "http://localhost:" + servicesHeadPort;
        String headWs = "ws://localhost:" + servicesHeadPort;

        progress.accept("Starting the Fabric grid in " + settings.dataDir().toAbsolutePath() + " (logs in " + settings.logs() + ")");
        List<Runnable> infrastructure = new ArrayList<>();
        infrastructure.add(() -> supervisor.start(new ProcessSpec("kafka", List.of(java, "-Xmx512m", LOG_MANAGER, "-cp", classpath,
                LoggedMain.class.getName(), "dev.fabric.testkit.EmbeddedKafka", Integer.toString(settings.kafkaPort()),
                settings.dataDir().resolve("kafka").toString()),
                Map.of(), Readiness.LogLine.containing("KAFKA READY"), Duration.ofSeconds(90), kafka)));
        infrastructure.add(() -> supervisor.start(new ProcessSpec("devnet", List.of(java, "-Xmx512m", LOG_MANAGER, "-cp", classpath,
                LoggedMain.class.getName(), "dev.fabric.devnet.DevnetMain",
                "--port", Integer.toString(settings.devnetPort()), "--data-dir", settings.dataDir().resolve("devnet").toString(),
                "--initial-utxo", initialUtxo.toString(), "--snapshot-policy", "batch:100:20",
                "--system-start", settings.systemStart().toString()),
                Map.of(), Readiness.LogLine.containing("DEVNET READY"), Duration.ofSeconds(90), "ws://localhost:" + settings.devnetPort())));
        startTogether(infrastructure);

        List<String> common = List.of("-Dquarkus.profile=dev", "-Dkafka.bootstrap.servers=" + kafka,
                "-Dquarkus.kafka-streams.bootstrap-servers=" + kafka, "-Dquarkus.log.console.json.enabled=false");
        List<Runnable> services = new ArrayList<>();
        services.add(() -> startService("reputation", common, List.of(
                "-Dkafka-streams.state.dir=" + settings.state("reputation"),
                "-Dquarkus.kafka-streams.application-server=localhost:" + settings.port("reputation"))));
        services.add(() -> startService("auction", common, List.of(
                "-Dkafka-streams.state.dir=" + settings.state("auction"),
                "-Dquarkus.kafka-streams.application-server=localhost:" + settings.port("auction"))));
        services.add(() -> startService("bid-ingest", common, List.of(
                "-Dfabric.ingest.heads[0].name=devnet", "-Dfabric.ingest.heads[0].ws-url=" + headWs,
                "-Dfabric.ingest.heads[0].http-url=" + headHttp)));
        services.add(() -> startService("settlement", common, List.of(
                "-Dkafka-streams.state.dir=" + settings.state("settlement"),
                "-Dfabric.hydra.url=" + headWs, "-Dfabric.hydra.http-url=" + headHttp,
                "-Dsettlement.head.system-start=" + settings.systemStart(),
                "-Dsettlement.arbiter.key-file=" + keyFiles.get("arbiter").toAbsolutePath())));
        for (int i = 0; i < settings.operators(); i++) {
            SimulatedCluster cluster = startCluster(i);
            int operator = i;
            services.add(() -> startDeployer(operator, cluster, common, keyFiles, headHttp));
        }
        startTogether(services);
        startMarket(devnetHttp, kafka);
    }

    private void startService(String name, List<String> common, List<String> own) {
        Path jar = settings.serviceJar(name);
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xms64m", "-Xmx320m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dquarkus.http.port=" + settings.port(name)));
        command.addAll(common);
        command.addAll(own);
        command.addAll(List.of("-jar", jar.toString()));
        String url = "http://localhost:" + settings.port(name);
        supervisor.start(new ProcessSpec(name, command, Map.of(), new Readiness.HttpOk(URI.create(url + "/q/health/ready")),
                Duration.ofSeconds(180), url));
    }

    /**
     * Starts processes that do not need each other, {@value #START_PARALLELISM} at a time (no service
     * waits for another: each retries its broker and head connections), and returns once all are ready.
     */
    private void startTogether(List<Runnable> starts) {
        ExecutorService starter = Executors.newFixedThreadPool(START_PARALLELISM, r -> {
            Thread t = new Thread(r, "grid-start");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Void>> started = starts.stream().map(s -> CompletableFuture.runAsync(s, starter)).toList();
            for (CompletableFuture<Void> one : started) {
                try {
                    one.join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        } finally {
            starter.shutdown();
        }
    }

    private SimulatedCluster startCluster(int index) {
        OperatorProfile profile = PROFILES.get(index % PROFILES.size());
        SimulatedCluster cluster = SimulatedCluster.start(identities.operators().get(index).name(), 0, profile.shape(),
                profile.reliability(), Duration.ofSeconds(3), settings.seed() + index);
        clusters.add(cluster);
        return cluster;
    }

    private void startDeployer(int index, SimulatedCluster cluster, List<String> common, Map<String, Path> keyFiles, String headHttp) {
        GridIdentities.Party operator = identities.operators().get(index);
        OperatorProfile profile = PROFILES.get(index % PROFILES.size());
        int port = settings.deployerPort(index);
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dquarkus.http.port=" + port));
        command.addAll(common);
        command.addAll(List.of(
                "-Dfabric.deployer.operator-id=" + operator.keyHashHex(),
                "-Dfabric.deployer.operator-key-file=" + keyFiles.get(operator.name()).toAbsolutePath(),
                "-Dfabric.deployer.region=" + profile.region(),
                "-Dfabric.deployer.pricing.cpu-core-hour-lovelace=" + 500_000 * profile.pricePercent() / 100,
                "-Dfabric.deployer.pricing.memory-gib-hour-lovelace=" + 100_000 * profile.pricePercent() / 100,
                "-Dfabric.deployer.pricing.gpu-hour-lovelace=" + 5_000_000 * profile.pricePercent() / 100,
                "-Dfabric.deployer.pricing.cost-floor-lovelace=" + 2_000_000 * profile.pricePercent() / 100,
                "-Dfabric.hydra.http-url=" + headHttp,
                "-Dfabric.hydra.system-start=" + settings.systemStart(),
                "-Dquarkus.kubernetes-client.api-server-url=" + cluster.apiUrl(),
                "-Dquarkus.kubernetes-client.trust-certs=true",
                "-jar", settings.serviceJar("deployer").toString()));
        String url = "http://localhost:" + port;
        supervisor.start(new ProcessSpec("deployer-" + (index + 1), command, Map.of(),
                new Readiness.HttpOk(URI.create(url + "/q/health/ready")), Duration.ofSeconds(180),
                url + "  (" + profile.region() + ", " + profile.hardwareClass() + ", reliability " + profile.reliability() + ")"));
    }

    private void startMarket(String devnetHttp, String kafka) {
        vertx = Vertx.vertx();
        feed = new MarketFeed(kafka, view, viewLock, Clock.systemUTC());
        feed.start();
        dashboard = new DashboardServer(vertx, this::snapshot);
        int port = dashboard.start(settings.dashboardPort());
        progress.accept(String.format("  ✔ %-12s up          http://localhost:%d", "dashboard", port));

        ProtocolParameters parameters = ProtocolParameters.l2Default();
        SlotTiming timing = SlotTiming.devnet(settings.systemStart().toEpochMilli());
        ScriptEvaluator evaluator = new ScriptEvaluator(parameters, timing);
        FabricTransactions transactions = new FabricTransactions(parameters, timing, NETWORK);
        HydraHttpClient head = new HydraHttpClient(URI.create(devnetHttp));
        Random random = new Random(settings.seed());
        long stagger = settings.bidEvery().toMillis() / settings.applications();
        for (GridIdentities.Party app : identities.applications()) {
            ApplicationActor actor = new ApplicationActor(app.name(), app.key(), NETWORK,
                    new BidMix(new Random(random.nextLong()), identities.arbiter().key().keyHash(), settings.leaseScale(), settings.bidLifetime()),
                    transactions, evaluator, head, Clock.systemUTC());
            simulation.scheduleWithFixedDelay(() -> step(actor), stagger * clusters.size() + random.nextInt(1000),
                    settings.bidEvery().toMillis(), TimeUnit.MILLISECONDS);
        }
        List<AuditorActor.Subject> subjects = new ArrayList<>();
        for (int i = 0; i < settings.operators(); i++) {
            OperatorProfile profile = PROFILES.get(i % PROFILES.size());
            subjects.add(new AuditorActor.Subject(identities.operators().get(i).keyHashHex(), profile.region(),
                    profile.hardwareClass(), profile.reliability()));
        }
        AuditorActor auditor = new AuditorActor("grid-auditor", GridIdentities.auditorSecret(), subjects,
                new Random(random.nextLong()), Clock.systemUTC());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        attestations = new KafkaProducer<>(props, Topics.ATTESTATIONS.keySerde().serializer(), Topics.ATTESTATIONS.valueSerde().serializer());
        simulation.scheduleWithFixedDelay(() -> {
            try {
                auditor.auditAndPublish(attestations);
            } catch (RuntimeException e) {
                LOG.warnf("auditor could not publish: %s", e.getMessage());
            }
        }, 2_000, settings.auditEvery().toMillis(), TimeUnit.MILLISECONDS);
        progress.accept(String.format("  ✔ %-12s %d applications bidding every %d s, %d operators, 1 auditor", "market",
                settings.applications(), settings.bidEvery().toSeconds(), settings.operators()));
    }

    private void step(ApplicationActor actor) {
        try {
            ApplicationActor.Outcome outcome = bidding ? actor.step() : actor.reclaim();
            LOG.debugf("%s: %s", actor.name(), outcome.note());
        } catch (RuntimeException e) {
            LOG.warnf("%s could not bid: %s", actor.name(), e.getMessage());
        }
    }

    /** Stops posting bids; the applications keep reclaiming the escrow of their expired bids. */
    public void stopBidding() {
        bidding = false;
    }

    public MarketSnapshot snapshot() {
        synchronized (viewLock) {
            return view.snapshot(Instant.now());
        }
    }

    /** Bids still open past deadline plus {@code grace}. */
    public List<String> overdueBids(Duration grace) {
        synchronized (viewLock) {
            return view.overdueBids(Instant.now(), grace);
        }
    }

    /** Lovelace on the head now and at the start: equal when nothing was created or destroyed. */
    public BigInteger[] lovelaceOnHead() {
        Utxo utxo = new HydraHttpClient(URI.create("http://localhost:" + settings.devnetPort())).snapshotUtxo().orElse(Utxo.EMPTY);
        return new BigInteger[] {initialLovelace, utxo.totalLovelace()};
    }

    /** Events the market view has seen more than once (same eventId), by eventId. */
    public Map<String, Repeat> repeats() {
        synchronized (viewLock) {
            return view.repeats();
        }
    }

    /** The head link chaos runs fail, if the grid was started with one. */
    public Optional<FaultyLink> headLink() {
        return Optional.ofNullable(headLink);
    }

    public String kafkaBootstrap() {
        return "localhost:" + settings.kafkaPort();
    }

    /** Each deployer's inventory endpoint (GET returns its capacity holds). */
    public List<URI> deployerInventories() {
        List<URI> uris = new ArrayList<>();
        for (int i = 0; i < settings.operators(); i++) {
            uris.add(URI.create("http://localhost:" + settings.deployerPort(i) + "/inventory"));
        }
        return uris;
    }

    public ProcessSupervisor supervisor() {
        return supervisor;
    }

    public List<SimulatedCluster> clusters() {
        return List.copyOf(clusters);
    }

    private Path writeInitialFunds() {
        Utxo funds = identities.initialFunds(NETWORK, COINS_PER_PARTY, ADA_PER_COIN);
        initialLovelace = funds.totalLovelace();
        Path file = settings.dataDir().resolve("initial-utxo.json");
        try {
            Files.createDirectories(settings.dataDir());
            Files.writeString(file, HydraJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(funds));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }

    private void requireBuiltServices() {
        List<String> missing = new ArrayList<>();
        for (String service : List.of("bid-ingest", "auction", "reputation", "settlement", "deployer")) {
            if (!Files.isRegularFile(settings.serviceJar(service))) {
                missing.add(settings.serviceJar(service).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new GridStartException("Services are not built (run ./fabric up, which builds them, or "
                    + "./mvnw -DskipTests package): missing " + missing);
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    @Override
    public void close() {
        simulation.shutdownNow();
        if (attestations != null) {
            attestations.close(Duration.ofSeconds(5));
        }
        if (feed != null) {
            feed.close();
        }
        if (dashboard != null) {
            dashboard.close();
        }
        if (vertx != null) {
            vertx.close();
        }
        supervisor.close();
        if (headLink != null) {
            headLink.close();
        }
        clusters.forEach(SimulatedCluster::close);
    }
}
