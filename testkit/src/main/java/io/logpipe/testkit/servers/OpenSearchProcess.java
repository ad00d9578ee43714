package io.logpipe.testkit.servers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One running node process. Under {@code runuser} the process this JVM started is {@code runuser} and the node's
 * JVM is its child, so stopping always takes the whole tree (plus the pid OpenSearch wrote to its pid file, in case
 * the node was re-parented).
 */
final class OpenSearchProcess {

    /** Variables that the JVM or the scripts would pick up from the test JVM's environment. */
    private static final List<String> SCRUBBED_ENV =
            List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "JAVA_OPTS", "JAVA_HOME");

    private final OpenSearchNodeConfig config;
    private final Process process;

    private OpenSearchProcess(OpenSearchNodeConfig config, Process process) {
        this.config = config;
        this.process = process;
    }

    static OpenSearchProcess launch(OpenSearchNodeConfig config, Optional<String> runAs) {
        List<String> command = OpenSearchCommand.build(config, runAs);
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(config.home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(config.consoleLog().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        SCRUBBED_ENV.forEach(pb.environment()::remove);
        pb.environment().putAll(config.environment());
        try {
            Files.writeString(config.consoleLog(), "=== " + Instant.now() + " starting: " + String.join(" ", command)
                    + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new OpenSearchProcess(config, pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("starting " + command, e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM to the whole tree, then SIGKILL to whatever is still alive after {@code grace}. */
    void stop(Duration grace) {
        Set<ProcessHandle> tree = new LinkedHashSet<>(process.toHandle().descendants().toList());
        nodePidFromFile().ifPresent(tree::add);
        tree.add(process.toHandle());
        killTree(List.copyOf(tree), grace);
    }

    static void killTree(List<ProcessHandle> handles, Duration grace) {
        handles.forEach(ProcessHandle::destroy);
        if (!awaitExit(handles, grace)) {
            handles.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            awaitExit(handles, Duration.ofSeconds(10));
        }
    }

    private static boolean awaitExit(List<ProcessHandle> handles, Duration timeout) {
        List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        handles.forEach(h -> exits.add(h.onExit()));
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return handles.stream().noneMatch(ProcessHandle::isAlive);
        }
    }

    private Optional<ProcessHandle> nodePidFromFile() {
        return readPid(config.pidFile()).flatMap(ProcessHandle::of);
    }

    static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Tails of the server log and of the console output, for failure messages. */
    String diagnostics(int lines) {
        return "---- last " + lines + " lines of " + config.serverLog() + " ----\n" + tail(config.serverLog(), lines)
                + "---- last " + lines + " lines of " + config.consoleLog() + " (stdout+stderr) ----\n"
                + tail(config.consoleLog(), lines)
                + "---- end of OpenSearch logs (process " + (isAlive() ? "alive" : "exited with "
                + process.exitValue()) + ") ----";
    }

    static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(missing)\n";
        }
        try {
            List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            StringBuilder sb = new StringBuilder();
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> sb.append(l).append('\n'));
            return sb.toString();
        } catch (IOException e) {
            return "(unreadable: " + e + ")\n";
        }
    }
}
