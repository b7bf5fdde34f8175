package dev.fabric.testkit;

import dev.fabric.topics.TopicProvisioner;
import dev.fabric.topics.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.jboss.logging.Logger;

/**
 * A real single-node KRaft Kafka broker (combined broker + controller) in this JVM: no Docker, no
 * ZooKeeper. Tests use it through {@link EmbeddedKafkaExtension} or {@link EmbeddedKafkaTestResource};
 * the local grid runs {@link #main(String[])} in its own process.
 *
 * <p>Restarting on the same data directory keeps every record; the port is kept too, so clients
 * reconnect on their own.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedKafka.class);

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private KafkaRaftServer server;

    private EmbeddedKafka(int port, int controllerPort, Path dataDir) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
    }

    /** Starts a broker on free ports with a fresh temporary data directory. */
    public static EmbeddedKafka start() {
        try {
            return start(0, Files.createTempDirectory("fabric-kafka-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a broker listening on {@code port} (0 = a free one) and storing its log in {@code dataDir}
     * (formatted on first use, reused afterwards). Returns once the broker answers metadata requests.
     */
    public static EmbeddedKafka start(int port, Path dataDir) {
        int free = freePorts(2);
        int brokerPort = port == 0 ? free : port;
        int controllerPort = free == brokerPort ? free + 1 : free;
        EmbeddedKafka kafka = new EmbeddedKafka(brokerPort, controllerPort, dataDir);
        kafka.startServer();
        return kafka;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Client properties pointing at this broker. */
    public Map<String, Object> clientConfig() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    /** Creates (or verifies) every topic of the catalogue. */
    public TopicProvisioner.Report provisionTopics() {
        try (Admin admin = Admin.create(clientConfig())) {
            return new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.ALL);
        }
    }

    /** Stops the broker and starts it again on the same port and data directory. */
    public void restart() {
        stopServer();
        startServer();
    }

    /** Stops the broker; the data directory is left for a later start. */
    @Override
    public void close() {
        stopServer();
    }

    /** Stops the broker and deletes its data directory. */
    public void destroy() {
        stopServer();
        Directories.deleteRecursively(dataDir);
    }

    private synchronized void startServer() {
        if (server != null) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create Kafka data directory " + dataDir, e);
        }
        KafkaConfig config = KafkaConfig.fromProps(brokerProperties(), false);
        format();
        long started = System.nanoTime();
        KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
        raftServer.startup();
        server = raftServer;
        awaitReady();
        LOG.infof("Embedded Kafka ready at %s (data %s) in %d ms", bootstrapServers(), dataDir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private synchronized void stopServer() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    private Properties brokerProperties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        // One broker: every internal topic has one replica. Few partitions keep startup fast.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Topics come from the catalogue; a typo in a topic name must fail, not create a topic.
        p.put("auto.create.topics.enable", "false");
        p.put("log.retention.check.interval.ms", "60000");
        return p;
    }

    private void format() {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return; // formatted by an earlier start: keep its cluster id and records
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(1)
                    .setDirectories(List.of(dataDir.toString()))
                    .setMetadataLogDirectory(dataDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName("CONTROLLER")
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka data directory " + dataDir, e);
        }
    }

    private void awaitReady() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000))) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        } catch (Exception e) {
            throw new IllegalStateException("Embedded Kafka did not become ready at " + bootstrapServers(), e);
        }
    }

    /** A block of free ports out of the ephemeral range, so a restart finds its port still free. */
    private static int freePorts(int count) {
        try {
            return FreePorts.block(count);
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    /**
     * Runs a broker for the local grid: {@code EmbeddedKafka <port> <dataDir>}. Provisions the
     * catalogue's topics, prints {@code KAFKA READY <bootstrap>} and runs until the process is stopped.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: EmbeddedKafka <port> <data dir>");
            System.exit(2);
        }
        int port;
        try {
            port = Integer.parseInt(args[0]);
        } catch (NumberFormatException e) {
            System.err.println("port must be a number, got: " + args[0]);
            System.exit(2);
            return;
        }
        EmbeddedKafka kafka = start(port, Path.of(args[1]));
        kafka.provisionTopics();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "embedded-kafka-shutdown"));
        System.out.println("KAFKA READY " + kafka.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
