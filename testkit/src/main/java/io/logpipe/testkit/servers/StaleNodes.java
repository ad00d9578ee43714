package io.logpipe.testkit.servers;

import io.logpipe.testkit.files.Directories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Cleans up after launcher JVMs that died without running their shutdown hook (SIGKILL, crash): for every node
 * directory whose {@code launcher.pid} names a dead process, the node's JVM (from {@code opensearch.pid}, only if
 * its command line is an OpenSearch one) is killed and the directory deleted.
 */
final class StaleNodes {

    static final String OPENSEARCH_MAIN = "org.opensearch.bootstrap.OpenSearch";

    private StaleNodes() {
    }

    /** @return the node directories that were removed */
    static List<Path> reap(Path nodesRoot) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(nodesRoot)) {
            return removed;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(nodesRoot)) {
            dirs = s.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path dir : dirs) {
            Optional<Long> launcher = OpenSearchProcess.readPid(dir.resolve(NodeDirectory.LAUNCHER_PID_FILE));
            if (launcher.isEmpty() || launcher.flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false)) {
                continue; // not ours, or its owner is still running
            }
            OpenSearchProcess.readPid(dir.resolve("opensearch.pid"))
                    .flatMap(ProcessHandle::of)
                    .filter(StaleNodes::isOpenSearch)
                    .ifPresent(h -> OpenSearchProcess.killTree(List.of(h), Duration.ofSeconds(10)));
            try {
                Directories.delete(dir);
                removed.add(dir);
            } catch (IOException e) {
                // another launcher may be reaping it concurrently; leave it
            }
        }
        return removed;
    }

    private static boolean isOpenSearch(ProcessHandle h) {
        return h.info().commandLine().map(c -> c.contains(OPENSEARCH_MAIN)).orElse(false)
                || h.info().arguments().map(a -> List.of(a).contains(OPENSEARCH_MAIN)).orElse(false);
    }
}
