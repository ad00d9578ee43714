package io.logpipe.testkit.servers;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to launch one OpenSearch node: where the install and the per-node directory are, which JDK,
 * ports and heap. Pure: it only computes settings, arguments and environment; nothing touches the disk.
 *
 * <p>Per-node layout under {@code nodeDir}: {@code config/} (a copy of the install's config with paths rewritten),
 * {@code data/}, {@code logs/} (the server log is {@code logs/<cluster.name>.log}), {@code tmp/},
 * {@code console.log} (the process's stdout and stderr) and {@code opensearch.pid}.
 *
 * @param home          unpacked OpenSearch install (read-only for the node)
 * @param nodeDir       per-node directory, writable by the user that runs the node
 * @param javaHome      JDK used to run the node ({@code OPENSEARCH_JAVA_HOME})
 * @param clusterName   {@code cluster.name}
 * @param nodeName      {@code node.name}
 * @param httpPort      {@code http.port} on 127.0.0.1
 * @param transportPort {@code transport.port} on 127.0.0.1
 * @param heap          heap size for both {@code -Xms} and {@code -Xmx}, e.g. {@code 512m}
 * @param jvmOptions    extra JVM options appended to {@code OPENSEARCH_JAVA_OPTS} (no spaces inside one option)
 * @param extraSettings extra {@code -E} settings; they override the defaults of the same name
 */
public record OpenSearchNodeConfig(Path home, Path nodeDir, Path javaHome, String clusterName, String nodeName,
                                   int httpPort, int transportPort, String heap, List<String> jvmOptions,
                                   Map<String, String> extraSettings) {

    public static final String LOOPBACK = "127.0.0.1";

    public OpenSearchNodeConfig {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(nodeDir, "nodeDir");
        Objects.requireNonNull(javaHome, "javaHome");
        requireToken(clusterName, "clusterName");
        requireToken(nodeName, "nodeName");
        requireToken(heap, "heap");
        requirePort(httpPort, "httpPort");
        requirePort(transportPort, "transportPort");
        if (httpPort == transportPort) {
            throw new IllegalArgumentException("http and transport ports must differ: " + httpPort);
        }
        jvmOptions = List.copyOf(jvmOptions);
        jvmOptions.forEach(o -> requireToken(o, "jvm option"));
        extraSettings = Collections.unmodifiableMap(new LinkedHashMap<>(extraSettings));
    }

    private static void requirePort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " out of range: " + port);
        }
    }

    /** The launcher scripts split option strings on whitespace, so values must be single tokens. */
    private static void requireToken(String s, String what) {
        if (s == null || s.isBlank() || s.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(what + " must be a non-empty token without whitespace: '" + s + "'");
        }
    }

    public OpenSearchNodeConfig withPorts(int newHttpPort, int newTransportPort) {
        return new OpenSearchNodeConfig(home, nodeDir, javaHome, clusterName, nodeName, newHttpPort,
                newTransportPort, heap, jvmOptions, extraSettings);
    }

    public Path configDir() {
        return nodeDir.resolve("config");
    }

    public Path dataDir() {
        return nodeDir.resolve("data");
    }

    public Path logsDir() {
        return nodeDir.resolve("logs");
    }

    public Path tmpDir() {
        return nodeDir.resolve("tmp");
    }

    /** The node process's stdout and stderr. */
    public Path consoleLog() {
        return nodeDir.resolve("console.log");
    }

    /** Written by OpenSearch ({@code -p}) once it is up: the pid of the node's JVM. */
    public Path pidFile() {
        return nodeDir.resolve("opensearch.pid");
    }

    /** The main server log written by log4j. */
    public Path serverLog() {
        return logsDir().resolve(clusterName + ".log");
    }

    public URI httpUri() {
        return URI.create("http://" + LOOPBACK + ":" + httpPort);
    }

    /** The node settings, defaults first, in a stable order. */
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("cluster.name", clusterName);
        s.put("node.name", nodeName);
        s.put("path.data", dataDir().toString());
        s.put("path.logs", logsDir().toString());
        s.put("discovery.type", "single-node");
        s.put("network.host", LOOPBACK);
        s.put("http.port", Integer.toString(httpPort));
        s.put("transport.port", Integer.toString(transportPort));
        // A test box's disk may be nearly full; never turn indices read-only because of it.
        s.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        // One node cannot host replicas: auto-created indices would keep the cluster yellow.
        s.put("cluster.default_number_of_replicas", "0");
        s.put("bootstrap.memory_lock", "false");
        s.putAll(extraSettings);
        return Collections.unmodifiableMap(s);
    }

    /** Arguments for {@code bin/opensearch}: one {@code -Ekey=value} per setting, then the pid file. */
    public List<String> arguments() {
        List<String> args = new ArrayList<>();
        settings().forEach((k, v) -> args.add("-E" + k + "=" + v));
        args.add("-p");
        args.add(pidFile().toString());
        return List.copyOf(args);
    }

    /** JVM options for {@code OPENSEARCH_JAVA_OPTS}: the fixed heap, then {@link #jvmOptions()}. */
    public List<String> javaOptions() {
        List<String> opts = new ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap));
        opts.addAll(jvmOptions);
        return List.copyOf(opts);
    }

    /** Environment variables read by {@code bin/opensearch}. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OPENSEARCH_JAVA_HOME", javaHome.toString());
        env.put("OPENSEARCH_JAVA_OPTS", String.join(" ", javaOptions()));
        env.put("OPENSEARCH_PATH_CONF", configDir().toString());
        env.put("OPENSEARCH_TMPDIR", tmpDir().toString());
        return Collections.unmodifiableMap(env);
    }
}
