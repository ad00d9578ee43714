package io.logpipe.testkit.kafka;

import io.logpipe.testkit.faults.TcpProxy;
import io.logpipe.testkit.files.Directories;
import io.logpipe.testkit.servers.FreePorts;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.metadata.storage.Formatter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An in-process Apache Kafka broker for tests: one node in KRaft combined mode ({@code process.roles=broker,controller},
 * a static single-voter quorum) on 127.0.0.1, PLAINTEXT on two free ports (clients and controller), with its data in
 * a fresh temp directory. Sized for a test JVM: single replicas everywhere, a few internal-topic partitions, no
 * consumer-group join delay, no retention, topics only created explicitly ({@link #createTopic}).
 *
 * <pre>{@code
 * KafkaBroker kafka = KafkaBroker.shared();           // or inject with @ExtendWith(KafkaExtension.class)
 * kafka.createTopic("app-logs", 6);
 * try (var producer = kafka.newProducer()) { producer.send(new ProducerRecord<>("app-logs", value)).get(); }
 * }</pre>
 *
 * <p>How it starts: the storage is formatted first, as {@code kafka-storage.sh format} does (a
 * {@link Formatter} with a random cluster id, the node id, the controller listener and the metadata directory);
 * then a {@link KafkaRaftServer} is built from the {@link KafkaConfig} and started, which returns once the broker
 * is registered with its controller and unfenced. The start is confirmed with an {@link Admin} call. A port taken
 * between picking and binding makes the start fail; it is retried on fresh ports.
 *
 * <p>{@link #shared()} is one broker per JVM, stopped and deleted by a shutdown hook; {@link #start(Map)} starts a
 * dedicated one that {@link #close()} stops and deletes. Once a broker was started in a JVM, Kafka's
 * {@code Exit.exit/halt} (called by its fatal fault handlers) throw instead of ending the test JVM.
 *
 * <p>Needs {@code org.apache.kafka:kafka_2.13} on the class path: it is optional in testkit, so a module whose
 * tests use this class adds it in test scope.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KafkaBroker.class.getName());
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String CLIENT_LISTENER = "PLAINTEXT";
    private static final int START_ATTEMPTS = 3;
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private static final Object SHARED_LOCK = new Object();
    private static KafkaBroker shared;
    private static RuntimeException sharedFailure;

    private final Path baseDir;
    private final String clusterId;
    private final int port;
    private final int controllerPort;
    private final int advertisedPort;
    private final KafkaRaftServer server;
    private final Admin admin;
    private volatile boolean closed;

    private KafkaBroker(Path baseDir, String clusterId, int port, int controllerPort, int advertisedPort,
                        KafkaRaftServer server, Admin admin) {
        this.baseDir = baseDir;
        this.clusterId = clusterId;
        this.port = port;
        this.controllerPort = controllerPort;
        this.advertisedPort = advertisedPort;
        this.server = server;
        this.admin = admin;
    }

    /**
     * The JVM-wide broker, started on first use and stopped (its directory deleted) at JVM exit. A failed start is
     * remembered, so later callers fail at once instead of trying again.
     */
    public static KafkaBroker shared() {
        synchronized (SHARED_LOCK) {
            if (sharedFailure != null) {
                throw new IllegalStateException("the shared Kafka broker failed to start earlier in this JVM: "
                        + sharedFailure.getMessage(), sharedFailure);
            }
            if (shared == null || shared.closed) {
                try {
                    KafkaBroker broker = start(Map.of());
                    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
                    shared = broker;
                } catch (RuntimeException e) {
                    sharedFailure = e;
                    throw e;
                }
            }
            return shared;
        }
    }

    /** A dedicated broker with the default settings. */
    public static KafkaBroker start() {
        return start(Map.of());
    }

    /**
     * A dedicated broker; {@code overrides} are broker settings applied over the defaults (for example
     * {@code message.max.bytes}). Listener, quorum, node and directory settings are the launcher's.
     */
    public static KafkaBroker start(Map<String, String> overrides) {
        return start(overrides, null);
    }

    /**
     * A dedicated broker reached only through {@code proxy}: it advertises the proxy's address, so every client
     * connection (bootstrap and the partition leaders from metadata) passes through it, and
     * {@link TcpProxy#cut()} makes the broker unreachable for clients (a broker outage) while it keeps running;
     * {@link TcpProxy#restore()} brings it back. The caller closes both.
     */
    public static KafkaBroker startBehind(TcpProxy proxy, Map<String, String> overrides) {
        return start(overrides, Objects.requireNonNull(proxy, "proxy"));
    }

    private static KafkaBroker start(Map<String, String> overrides, TcpProxy proxy) {
        Objects.requireNonNull(overrides, "overrides");
        guardExit();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOnce(overrides, proxy);
            } catch (RuntimeException e) {
                last = e;
                LOG.log(System.Logger.Level.WARNING, "Kafka broker start attempt {0} failed: {1}", attempt, e.toString());
            }
        }
        throw new IllegalStateException("the Kafka broker did not start after " + START_ATTEMPTS + " attempts: "
                + last.getMessage(), last);
    }

    private static KafkaBroker startOnce(Map<String, String> overrides, TcpProxy proxy) {
        List<Integer> ports = FreePorts.pick(2);
        int port = ports.get(0);
        int controllerPort = ports.get(1);
        int advertisedPort = port;
        if (proxy != null) {
            proxy.forwardTo(HOST, port);
            advertisedPort = proxy.port();
        }
        Path dir = createTempDir();
        KafkaRaftServer server = null;
        Admin admin = null;
        boolean started = false;
        try {
            Path logDir = Files.createDirectories(dir.resolve("data"));
            Path metadataDir = Files.createDirectories(dir.resolve("metadata"));
            KafkaConfig config = new KafkaConfig(settings(port, controllerPort, advertisedPort, logDir, metadataDir,
                    overrides), false);
            String clusterId = Uuid.randomUuid().toString();
            format(config, clusterId, logDir, metadataDir);

            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();                        // returns once the broker is unfenced
            admin = Admin.create(adminConfig(HOST + ":" + port));
            String seen = admin.describeCluster().clusterId().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!clusterId.equals(seen)) {
                throw new IllegalStateException("broker on port " + port + " reports cluster " + seen
                        + ", expected " + clusterId + " (is another broker on that port?)");
            }
            started = true;
            LOG.log(System.Logger.Level.INFO, "Kafka broker {0} on {1}:{2} (controller {3}), data in {4}",
                    clusterId, HOST, String.valueOf(port), String.valueOf(controllerPort), dir);
            return new KafkaBroker(dir, clusterId, port, controllerPort, advertisedPort, server, admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker did not start on " + HOST + ":" + port + ": " + e, e);
        } finally {
            if (!started) {                          // also on Errors such as a missing class
                if (admin != null) {
                    admin.close(Duration.ofSeconds(5));
                }
                if (server != null) {
                    stopQuietly(server);
                }
                Directories.deleteQuietly(dir, LOG);
            }
        }
    }

    static Map<String, Object> settings(int port, int controllerPort, Path logDir, Path metadataDir,
                                        Map<String, String> overrides) {
        return settings(port, controllerPort, port, logDir, metadataDir, overrides);
    }

    static Map<String, Object> settings(int port, int controllerPort, int advertisedPort, Path logDir, Path metadataDir,
                                        Map<String, String> overrides) {
        Map<String, Object> s = new LinkedHashMap<>();
        // Sized for a test JVM; anything here may be overridden.
        s.put("num.network.threads", "2");
        s.put("num.io.threads", "2");
        s.put("background.threads", "2");
        s.put("num.recovery.threads.per.data.dir", "1");
        s.put("num.partitions", "1");
        s.put("default.replication.factor", "1");
        s.put("min.insync.replicas", "1");
        s.put("offsets.topic.replication.factor", "1");
        s.put("offsets.topic.num.partitions", "4");
        s.put("transaction.state.log.replication.factor", "1");
        s.put("transaction.state.log.min.isr", "1");
        s.put("transaction.state.log.num.partitions", "2");
        s.put("share.coordinator.state.topic.replication.factor", "1");
        s.put("share.coordinator.state.topic.min.isr", "1");
        s.put("group.initial.rebalance.delay.ms", "0");
        s.put("auto.create.topics.enable", "false");
        s.put("log.retention.ms", "-1");           // tests produce records with old timestamps
        s.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 << 20)); // not the 128 MiB default
        s.put("server.max.startup.time.ms", "120000");
        s.putAll(overrides);
        // The launcher's own: roles, quorum, listeners, directories.
        s.put("process.roles", "broker,controller");
        s.put("node.id", String.valueOf(NODE_ID));
        s.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        s.put("listeners", CLIENT_LISTENER + "://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                + controllerPort);
        s.put("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + advertisedPort);
        s.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        s.put("controller.listener.names", CONTROLLER_LISTENER);
        s.put("inter.broker.listener.name", CLIENT_LISTENER);
        s.put("log.dirs", logDir.toString());
        s.put("metadata.log.dir", metadataDir.toString());
        return s;
    }

    /** What {@code kafka-storage.sh format --cluster-id <id> --config <file>} does for this node. */
    private static void format(KafkaConfig config, String clusterId, Path logDir, Path metadataDir) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
                .setNodeId(config.nodeId())
                .setClusterId(clusterId)
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setMetadataLogDirectory(metadataDir.toString())
                .addDirectory(logDir.toString())
                .addDirectory(metadataDir.toString())
                .setUnstableFeatureVersionsEnabled(false)
                .setIgnoreFormatted(false)
                .run();
    }

    /**
     * Kafka's fatal fault handlers call {@code Exit.halt}; in a test JVM that would end the whole run (surefire's
     * "forked VM terminated"). Make them throw on the calling Kafka thread instead, so the test fails visibly.
     */
    private static void guardExit() {
        Exit.setExitProcedure((status, message) -> refuseExit("exit", status, message));
        Exit.setHaltProcedure((status, message) -> refuseExit("halt", status, message));
    }

    private static void refuseExit(String what, int status, String message) {
        IllegalStateException e = new IllegalStateException("Kafka called Exit." + what + "(" + status + ") on thread "
                + Thread.currentThread().getName() + ": " + message + "; the in-process broker may be broken now");
        LOG.log(System.Logger.Level.ERROR, e.getMessage(), e);  // Kafka logs through SLF4J, often a no-op in tests
        throw e;
    }

    private static Map<String, Object> adminConfig(String bootstrap) {
        Map<String, Object> c = new HashMap<>();
        c.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(AdminClientConfig.CLIENT_ID_CONFIG, "logpipe-testkit-admin");
        c.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        c.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return c;
    }

    /** {@code 127.0.0.1:<port>}: the value for {@code bootstrap.servers} (the proxy's port for {@link #startBehind}). */
    public String bootstrapServers() {
        return HOST + ":" + advertisedPort;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public String clusterId() {
        return clusterId;
    }

    /** The temp directory holding the log and metadata directories (deleted by {@link #close()}). */
    public Path directory() {
        return baseDir;
    }

    /** Creates a topic with one replica per partition and waits until every partition has a leader. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * Creates a topic with topic-level {@code configs} (e.g. {@code max.message.bytes}) and waits until every
     * partition has a leader. Fails if the topic exists.
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        requireOpen();
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive: " + partitions);
        }
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(Map.copyOf(configs));
        try {
            admin.createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            awaitLeaders(name, partitions);
            awaitWritable(name, partitions);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                throw new IllegalStateException("topic " + name + " already exists", e.getCause());
            }
            throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("topic " + name + " not created within " + ADMIN_TIMEOUT, e);
        }
    }

    private void awaitLeaders(String name, int partitions) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            try {
                TopicDescription d = admin.describeTopics(List.of(name)).allTopicNames()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(name);
                if (d != null && d.partitions().size() == partitions
                        && d.partitions().stream().map(TopicPartitionInfo::leader).allMatch(l -> l != null && !l.isEmpty())) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot describe topic " + name + ": " + e.getCause(), e.getCause());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of " + name + " have no leader after " + ADMIN_TIMEOUT);
            }
            Thread.sleep(20);
        }
    }

    /**
     * The metadata cache names a leader slightly before the broker has opened the partition's log (produce then
     * gets NOT_LEADER_OR_FOLLOWER and retries); ListOffsets is answered by the leader's log, so once it succeeds
     * for every partition the topic takes writes at once.
     */
    private void awaitWritable(String name, int partitions) throws InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            query.put(new TopicPartition(name, p), OffsetSpec.latest());
        }
        try {
            admin.listOffsets(query).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("partitions of " + name + " do not take writes: " + e.getCause(), e.getCause());
        }
    }

    /** The broker's admin client (owned by the broker: do not close it). */
    public Admin admin() {
        requireOpen();
        return admin;
    }

    /** Settings for a byte-array producer to this broker ({@code acks=all}, idempotent); add or override freely. */
    public Map<String, Object> producerConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        c.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return c;
    }

    /** A new byte-array producer with {@link #producerConfig()}; the caller closes it. */
    public KafkaProducer<byte[], byte[]> newProducer() {
        return newProducer(Map.of());
    }

    /** A new byte-array producer with {@link #producerConfig()} plus {@code overrides}; the caller closes it. */
    public KafkaProducer<byte[], byte[]> newProducer(Map<String, Object> overrides) {
        Map<String, Object> c = producerConfig();
        c.putAll(overrides);
        return new KafkaProducer<>(c);
    }

    public boolean isRunning() {
        return !closed;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the Kafka broker is closed");
        }
    }

    /** Stops the broker and deletes its directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        admin.close(Duration.ofSeconds(5));
        stopQuietly(server);
        Directories.deleteQuietly(baseDir, LOG);
    }

    private static void stopQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Kafka broker shutdown: {0}", e.toString());
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("logpipe-kafka-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the Kafka broker directory", e);
        }
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", cluster " + clusterId + ", " + baseDir + (closed ? ", closed" : "")
                + "]";
    }
}
