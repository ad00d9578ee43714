package io.logpipe.testkit.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpipe.testkit.files.Directories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real single-node OpenSearch (the {@code integ-test-zip} distribution) on 127.0.0.1, started with the running
 * JVM's JDK.
 *
 * <ul>
 *   <li>{@link #shared()}: one lazily started node per JVM, stopped (and its data deleted) by a shutdown hook.</li>
 *   <li>{@link #start(Options)}: a dedicated node; {@link #stop()} and {@link #restart()} keep its data directory
 *       and ports, {@link #close()} stops it and deletes the directory if the launcher chose it.</li>
 * </ul>
 *
 * <p>As root, the node runs as the system user {@value SystemUser#DEFAULT_NAME} (see {@link SystemUser}).
 * Startup waits for green health ({@link Options#startTimeout()}, default 180 s); on failure the tail of the
 * node's logs is printed to stderr and included in the thrown {@link OpenSearchStartException}.
 */
public final class OpenSearchServer implements AutoCloseable {

    /** Base directory for the unpacked install and node directories (default {@code ./target}). */
    public static final String BASE_DIR_PROPERTY = "logpipe.opensearch.base-dir";
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(180);
    static final String NODES_DIR = "opensearch-nodes";

    private static final System.Logger LOG = System.getLogger(OpenSearchServer.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final int PORT_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 60;
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private static final Object SHARED_LOCK = new Object();
    private static OpenSearchServer shared;
    private static RuntimeException sharedFailure;

    private final Options options;
    private final Optional<String> runAs;
    private final boolean ownsNodeDir;
    private final boolean autoPorts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread shutdownHook;

    private volatile OpenSearchNodeConfig config;
    private volatile OpenSearchProcess process;
    private volatile String version;
    private volatile Duration lastStartDuration;
    private volatile boolean closed;

    /**
     * Launch options; {@code null} for {@code distributionZip}, {@code nodeDir} and {@code javaHome} and 0 for a
     * port mean "choose automatically".
     *
     * @param baseDir         where the install is unpacked and node directories live
     * @param distributionZip explicit zip, else {@link OpenSearchDistribution#locate}
     * @param nodeDir         node directory to use (kept on close), else a fresh one below {@code baseDir}
     * @param javaHome        JDK for the node, else this JVM's {@code java.home}
     * @param clusterName     {@code cluster.name}
     * @param httpPort        fixed HTTP port or 0
     * @param transportPort   fixed transport port or 0
     * @param heap            {@code -Xms}/{@code -Xmx} value
     * @param startTimeout    how long to wait for the wanted health status
     * @param waitForStatus   {@code green} or {@code yellow}
     * @param jvmOptions      extra node JVM options
     * @param settings        extra {@code -E} settings (override the defaults)
     * @param runAsUser       system user used when this JVM is root
     */
    public record Options(Path baseDir, Path distributionZip, Path nodeDir, Path javaHome, String clusterName,
                          int httpPort, int transportPort, String heap, Duration startTimeout, String waitForStatus,
                          List<String> jvmOptions, Map<String, String> settings, String runAsUser) {

        public Options {
            Objects.requireNonNull(baseDir, "baseDir");
            Objects.requireNonNull(startTimeout, "startTimeout");
            if (!waitForStatus.equals("green") && !waitForStatus.equals("yellow")) {
                throw new IllegalArgumentException("waitForStatus must be green or yellow: " + waitForStatus);
            }
            jvmOptions = List.copyOf(jvmOptions);
            settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }

        /** Base dir from {@value #BASE_DIR_PROPERTY} or {@code ./target}; 512m heap; green within 180 s. */
        public static Options defaults() {
            String base = System.getProperty(BASE_DIR_PROPERTY);
            return new Options(Path.of(base == null || base.isBlank() ? "target" : base), null, null, null,
                    "logpipe-test", 0, 0, "512m", DEFAULT_START_TIMEOUT, "green", List.of(), Map.of(),
                    SystemUser.DEFAULT_NAME);
        }

        public Options withBaseDir(Path v) {
            return new Options(v, distributionZip, nodeDir, javaHome, clusterName, httpPort, transportPort, heap,
                    startTimeout, waitForStatus, jvmOptions, settings, runAsUser);
        }

        public Options withDistributionZip(Path v) {
            return new Options(baseDir, v, nodeDir, javaHome, clusterName, httpPort, transportPort, heap,
                    startTimeout, waitForStatus, jvmOptions, settings, runAsUser);
        }

        public Options withNodeDir(Path v) {
            return new Options(baseDir, distributionZip, v, javaHome, clusterName, httpPort, transportPort, heap,
                    startTimeout, waitForStatus, jvmOptions, settings, runAsUser);
        }

        public Options withJavaHome(Path v) {
            return new Options(baseDir, distributionZip, nodeDir, v, clusterName, httpPort, transportPort, heap,
                    startTimeout, waitForStatus, jvmOptions, settings, runAsUser);
        }

        public Options withClusterName(String v) {
            return new Options(baseDir, distributionZip, nodeDir, javaHome, v, httpPort, transportPort, heap,
                    startTimeout, waitForStatus, jvmOptions, settings, runAsUser);
        }

        public Options withPorts(int http, int transport) {
            return new Options(baseDir, distributionZip, nodeDir, javaHome, clusterName, http, transport, heap,
                    startTimeout, waitForStatus, jvmOptions, settings, runAsUser);
        }

        public Options withHeap(String v) {
            return new Options(baseDir, distributionZip, nodeDir, javaHome, clusterName, httpPort, transportPort, v,
                    startTimeout, waitForStatus, jvmOptions, settings, runAsUser);
        }

        public Options withStartTimeout(Duration v) {
            return new Options(baseDir, distributionZip, nodeDir, javaHome, clusterName, httpPort, transportPort, heap,
                    v, waitForStatus, jvmOptions, settings, runAsUser);
        }

        public Options withWaitForStatus(String v) {
            return new Options(baseDir, distributionZip, nodeDir, javaHome, clusterName, httpPort, transportPort, heap,
                    startTimeout, v, jvmOptions, settings, runAsUser);
        }

        public Options withJvmOptions(List<String> v) {
            return new Options(baseDir, distributionZip, nodeDir, javaHome, clusterName, httpPort, transportPort, heap,
                    startTimeout, waitForStatus, v, settings, runAsUser);
        }

        /** Adds one {@code -E} setting (kept in insertion order). */
        public Options withSetting(String key, String value) {
            Map<String, String> s = new LinkedHashMap<>(settings);
            s.put(key, value);
            return new Options(baseDir, distributionZip, nodeDir, javaHome, clusterName, httpPort, transportPort, heap,
                    startTimeout, waitForStatus, jvmOptions, s, runAsUser);
        }

        public Options withRunAsUser(String v) {
            return new Options(baseDir, distributionZip, nodeDir, javaHome, clusterName, httpPort, transportPort, heap,
                    startTimeout, waitForStatus, jvmOptions, settings, v);
        }
    }

    private OpenSearchServer(Options options, Optional<String> runAs, OpenSearchNodeConfig config,
                             boolean ownsNodeDir) {
        this.options = options;
        this.runAs = runAs;
        this.config = config;
        this.ownsNodeDir = ownsNodeDir;
        this.autoPorts = options.httpPort() == 0 && options.transportPort() == 0;
        this.shutdownHook = new Thread(this::onJvmExit, "opensearch-stop-" + config.nodeName());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * The JVM-wide node, started on first use with {@link Options#defaults()} and stopped at JVM exit. A failed
     * start is remembered, so later callers fail fast instead of waiting for the timeout again.
     */
    public static OpenSearchServer shared() {
        synchronized (SHARED_LOCK) {
            if (sharedFailure != null) {
                throw new OpenSearchStartException("the shared OpenSearch node failed to start earlier in this JVM: "
                        + sharedFailure.getMessage(), sharedFailure);
            }
            if (shared == null || shared.closed) {
                try {
                    shared = start(Options.defaults());
                } catch (RuntimeException e) {
                    sharedFailure = e;
                    throw e;
                }
            }
            return shared;
        }
    }

    /** Starts a dedicated node and waits until it is healthy. */
    public static OpenSearchServer start(Options options) {
        boolean root = SystemUser.runningAsRoot();
        Optional<String> runAs = SystemUser.switchTo(root, options.runAsUser());
        runAs.ifPresent(SystemUser::ensureExists);
        Path baseDir = baseDirFor(options.baseDir(), options.runAsUser(), root);

        OpenSearchDistribution dist = OpenSearchDistribution.locate(options.distributionZip());
        Path home = dist.unpack(baseDir);
        Path nodesRoot = baseDir.resolve(NODES_DIR);
        createWorldReadable(nodesRoot);
        StaleNodes.reap(nodesRoot);

        String nodeName = "node-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        Path nodeDir;
        if (options.nodeDir() == null) {
            nodeDir = nodesRoot.resolve(nodeName);
            Directories.deleteQuietly(nodeDir, LOG);
        } else {
            nodeDir = options.nodeDir().toAbsolutePath().normalize();
            if (runAs.isPresent() && !SystemUser.traversableByOthers(nodeDir)) {
                throw new IllegalArgumentException("node directory " + nodeDir + " is below a directory that user "
                        + runAs.get() + " cannot traverse; choose one outside e.g. /root");
            }
        }
        List<Integer> picked = FreePorts.pick(2);
        OpenSearchNodeConfig config = new OpenSearchNodeConfig(home, nodeDir, javaHomeFor(options),
                options.clusterName(), nodeName,
                options.httpPort() == 0 ? picked.get(0) : options.httpPort(),
                options.transportPort() == 0 ? picked.get(1) : options.transportPort(),
                options.heap(), options.jvmOptions(), options.settings());

        OpenSearchServer server = new OpenSearchServer(options, runAs, config, options.nodeDir() == null);
        try {
            server.launchAndAwait(server.autoPorts);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The requested base dir, or the /tmp fallback when the node's system user could not reach it. */
    private static Path baseDirFor(Path requested, String user, boolean switchUser) {
        long uid = SystemUser.currentUid().orElse(0);
        Path chosen = SystemUser.accessibleBaseDir(requested, switchUser, SystemUser::traversableByOthers,
                SystemUser.fallbackBaseDir(uid));
        if (!chosen.equals(requested.toAbsolutePath().normalize())) {
            LOG.log(System.Logger.Level.WARNING, "{0} is not reachable by user {1}; using {2} for OpenSearch",
                    requested.toAbsolutePath(), user, chosen);
            createWorldReadable(chosen);
            try {
                Object owner = Files.getAttribute(chosen, "unix:uid");
                if (owner instanceof Number n && n.longValue() != uid) {
                    throw new IllegalStateException(chosen + " exists but belongs to uid " + n + ", not " + uid);
                }
            } catch (IOException | UnsupportedOperationException e) {
                // cannot tell: go on
            }
        }
        return chosen;
    }

    private static Path javaHomeFor(Options options) {
        if (options.javaHome() != null) {
            return options.javaHome();
        }
        if (Runtime.version().feature() < 21) {
            throw new IllegalStateException("OpenSearch needs Java 21+; this JVM is " + Runtime.version()
                    + ". Run on JDK 25 or set Options.javaHome.");
        }
        return Path.of(System.getProperty("java.home"));
    }

    private static void createWorldReadable(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Launches the configured node and waits for health; may pick new ports after a bind conflict. */
    private void launchAndAwait(boolean mayChangePorts) {
        for (int attempt = 1; ; attempt++) {
            long t0 = System.nanoTime();
            NodeDirectory.prepare(config, runAs);
            OpenSearchProcess p = OpenSearchProcess.launch(config, runAs);
            process = p;
            try {
                new HealthWaiter(http).await(config.httpUri(), options.waitForStatus(), options.startTimeout(),
                        p::isAlive);
                version = fetchVersion();
                lastStartDuration = Duration.ofNanos(System.nanoTime() - t0);
                LOG.log(System.Logger.Level.INFO, "OpenSearch {0} is {1} at {2} after {3} ms (pid {4}, dir {5})",
                        version, options.waitForStatus(), config.httpUri(),
                        Long.toString(lastStartDuration.toMillis()), Long.toString(p.pid()), config.nodeDir());
                return;
            } catch (RuntimeException e) {
                p.stop(Duration.ofSeconds(10));
                String logs = p.diagnostics(LOG_TAIL_LINES);
                if (mayChangePorts && attempt < PORT_ATTEMPTS && isBindConflict(logs)) {
                    List<Integer> ports = FreePorts.pick(2);
                    LOG.log(System.Logger.Level.WARNING, "port conflict on {0}/{1}; retrying on {2}/{3}",
                            config.httpPort(), config.transportPort(), ports.get(0), ports.get(1));
                    config = config.withPorts(ports.get(0), ports.get(1));
                    continue;
                }
                System.err.println("OpenSearch failed to start: " + e.getMessage() + "\n" + logs);
                throw new OpenSearchStartException(e.getMessage() + "\n" + logs, e);
            }
        }
    }

    static boolean isBindConflict(String logs) {
        return logs.contains("BindException") || logs.contains("Address already in use")
                || logs.contains("BindTransportException") || logs.contains("BindHttpException");
    }

    private String fetchVersion() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(config.httpUri().resolve("/"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode root = JSON.readTree(r.body());
            return root.path("version").path("number").asText();
        } catch (IOException e) {
            throw new OpenSearchStartException("GET / failed on " + config.httpUri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenSearchStartException("interrupted", e);
        }
    }

    /** Stops the node (SIGTERM to the process tree, SIGKILL after 30 s); data and ports are kept for restart. */
    public synchronized void stop() {
        OpenSearchProcess p = process;
        if (p != null) {
            p.stop(STOP_GRACE);
            process = null;
        }
    }

    /** Stops the node if running and starts it again on the same node directory, data and ports. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        stop();
        launchAndAwait(false);
    }

    /** Stops the node and deletes its directory when the launcher created it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        if (ownsNodeDir) {
            Directories.deleteQuietly(config.nodeDir(), LOG);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
    }

    private void onJvmExit() {
        closed = true;
        OpenSearchProcess p = process;
        if (p != null) {
            p.stop(Duration.ofSeconds(15));
        }
        if (ownsNodeDir) {
            Directories.deleteQuietly(config.nodeDir(), LOG);
        }
    }

    public URI httpUri() {
        return config.httpUri();
    }

    public int httpPort() {
        return config.httpPort();
    }

    public int transportPort() {
        return config.transportPort();
    }

    /** The node's main server log ({@code logs/<cluster.name>.log} in the node directory). */
    public Path logFile() {
        return config.serverLog();
    }

    /** The version reported by the node's {@code GET /}. */
    public String version() {
        return version;
    }

    public Path nodeDir() {
        return config.nodeDir();
    }

    public OpenSearchNodeConfig config() {
        return config;
    }

    public boolean isRunning() {
        OpenSearchProcess p = process;
        return p != null && p.isAlive();
    }

    /** Pid of the launched process ({@code runuser} when started as root), or -1 when stopped. */
    public long pid() {
        OpenSearchProcess p = process;
        return p == null ? -1 : p.pid();
    }

    /** Wall time of the last (re)start, from launching the scripts until the wanted health status. */
    public Duration lastStartDuration() {
        return lastStartDuration;
    }

    /** The user the node runs as, when this JVM is root. */
    public Optional<String> runAsUser() {
        return runAs;
    }

    @Override
    public String toString() {
        return "OpenSearchServer[" + config.httpUri() + ", " + config.nodeDir() + (isRunning() ? "" : ", stopped")
                + "]";
    }
}
