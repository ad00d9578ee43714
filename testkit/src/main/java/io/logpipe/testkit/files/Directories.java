package io.logpipe.testkit.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removing the directory trees that servers and tests leave behind: broker logs, node data, synthesised
 * templates. Symbolic links are removed, never followed.
 */
public final class Directories {

    private Directories() {
    }

    /** Deletes {@code dir} and everything under it; nothing to do when it does not exist. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.toList();
        }
        for (int i = all.size() - 1; i >= 0; i--) {   // children before their parents
            Files.deleteIfExists(all.get(i));
        }
    }

    /** {@link #delete}, where a tree left behind is only worth a warning (cleanup after a server stopped). */
    public static void deleteQuietly(Path dir, System.Logger log) {
        try {
            delete(dir);
        } catch (IOException | RuntimeException e) {
            log.log(System.Logger.Level.WARNING, "could not delete {0}: {1}", dir, e.toString());
        }
    }

    /**
     * A fresh directory under the system's temporary one that is deleted when the JVM exits: for outputs that
     * many tests share and none owns.
     */
    public static Path temporaryUntilExit(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        System.Logger log = System.getLogger(Directories.class.getName());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir, log), "delete " + dir));
        return dir;
    }
}
