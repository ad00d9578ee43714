package io.logpipe.testkit.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Prepares a node's private directory (see {@link OpenSearchNodeConfig} for the layout). The install's
 * {@code config/} is copied, because OpenSearch writes its keystore there and because {@code jvm.options} uses
 * paths relative to the install ({@code logs/gc.log}, {@code HeapDumpPath=data}) that would make all nodes share
 * one read-only directory; those are rewritten to the node's own directories.
 */
final class NodeDirectory {

    static final String LAUNCHER_PID_FILE = "launcher.pid";

    private NodeDirectory() {
    }

    /** Creates (or refreshes, for a restart) the node directory; chowns it to {@code runAs} when present. */
    static void prepare(OpenSearchNodeConfig config, Optional<String> runAs) {
        try {
            for (Path dir : List.of(config.nodeDir(), config.configDir(), config.dataDir(), config.logsDir(),
                    config.tmpDir())) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            copyConfig(config.home().resolve("config"), config.configDir());
            Path jvmOptions = config.configDir().resolve("jvm.options");
            Files.writeString(jvmOptions, rewriteJvmOptions(Files.readString(jvmOptions), config));
            Files.writeString(config.nodeDir().resolve(LAUNCHER_PID_FILE), ProcessHandle.current().pid() + "\n");
            Files.deleteIfExists(config.pidFile());
            runAs.ifPresent(user -> SystemUser.chownRecursively(config.nodeDir(), user));
        } catch (IOException e) {
            throw new UncheckedIOException("preparing node directory " + config.nodeDir(), e);
        }
    }

    /** Copies the install's config files; a keystore the node created earlier in the target is kept. */
    private static void copyConfig(Path from, Path to) throws IOException {
        List<Path> sources;
        try (Stream<Path> s = Files.walk(from)) {
            sources = s.toList();
        }
        for (Path src : sources) {
            Path dst = to.resolve(from.relativize(src).toString());
            if (Files.isDirectory(src)) {
                Files.createDirectories(dst);
            } else {
                Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(dst, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
    }

    /**
     * Rewrites the distribution's {@code jvm.options}: heap lines get the configured heap, and the heap-dump,
     * fatal-error and GC log paths (relative to the install, which is the scripts' working directory) point into
     * the node directory.
     */
    static String rewriteJvmOptions(String original, OpenSearchNodeConfig config) {
        String logs = config.logsDir().toString();
        return original.lines().map(line -> {
            String t = line.strip();
            if (t.startsWith("#")) {
                return line;
            }
            if (t.matches("(\\d+(-\\d*)?:)?-Xms\\S+")) {
                return "-Xms" + config.heap();
            }
            if (t.matches("(\\d+(-\\d*)?:)?-Xmx\\S+")) {
                return "-Xmx" + config.heap();
            }
            if (t.contains("-XX:HeapDumpPath=")) {
                return t.substring(0, t.indexOf("-XX:HeapDumpPath=")) + "-XX:HeapDumpPath=" + config.nodeDir();
            }
            return line.replace("ErrorFile=logs/", "ErrorFile=" + logs + "/")
                    .replace("file=logs/", "file=" + logs + "/")
                    .replace("-Xloggc:logs/", "-Xloggc:" + logs + "/");
        }).collect(Collectors.joining("\n", "", "\n"));
    }
}
