package io.logpipe.testkit.servers;

import io.logpipe.testkit.files.Directories;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Locates the OpenSearch {@code integ-test-zip} distribution and unpacks it once under a base directory.
 *
 * <p>The zip is searched, in order, at: an explicit path, the {@value #DIST_PROPERTY} system property (set by
 * testkit's failsafe configuration to {@code target/opensearch-dist/opensearch-<v>.zip}),
 * {@code ./target/opensearch-dist/}, and the local Maven repository ({@code maven.repo.local} or
 * {@code ~/.m2/repository}), which is where the CLI finds it after any testkit build has resolved it.
 *
 * <p>Unpacking writes into a temporary sibling directory and renames it into place, under an inter-process file
 * lock, so concurrent JVMs sharing a base directory never see a half-unpacked install. An existing complete
 * install (marker file present) is reused.
 */
public final class OpenSearchDistribution {

    /** System property naming the distribution zip explicitly. */
    public static final String DIST_PROPERTY = "logpipe.opensearch.dist";
    static final String GROUP_PATH = "org/opensearch/distribution/integ-test-zip/opensearch";
    static final String MARKER = ".logpipe-unpacked";

    private static final System.Logger LOG = System.getLogger(OpenSearchDistribution.class.getName());
    private static final ReentrantLock IN_JVM_LOCK = new ReentrantLock();

    private final String version;
    private final Path zip;

    private OpenSearchDistribution(String version, Path zip) {
        this.version = version;
        this.zip = zip;
    }

    /** The OpenSearch version this testkit was built against (the parent pom's {@code opensearch.version}). */
    public static String defaultVersion() {
        try (InputStream in = OpenSearchDistribution.class.getResourceAsStream("opensearch.properties")) {
            if (in == null) {
                throw new IllegalStateException("opensearch.properties missing from the testkit jar");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("opensearch.version", "").strip();
            if (v.isEmpty() || v.startsWith("${")) {
                throw new IllegalStateException("opensearch.properties was not filtered by Maven: " + v);
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Locates the default version's zip using the system properties and the user's home. */
    public static OpenSearchDistribution locate(Path explicitZip) {
        String v = defaultVersion();
        return locate(v, candidates(v, explicitZip, System.getProperties(), Path.of("").toAbsolutePath(),
                Path.of(System.getProperty("user.home"))));
    }

    static OpenSearchDistribution locate(String version, List<Path> candidates) {
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                return new OpenSearchDistribution(version, c.toAbsolutePath().normalize());
            }
        }
        throw new IllegalStateException("OpenSearch " + version + " distribution zip not found; looked at " + candidates
                + ". Build testkit (it copies org.opensearch.distribution.integ-test-zip:opensearch:" + version
                + ":zip) or run: mvn dependency:get -Dartifact=org.opensearch.distribution.integ-test-zip:opensearch:"
                + version + ":zip");
    }

    /** Candidate zip locations, most specific first (pure: touches no file). */
    static List<Path> candidates(String version, Path explicitZip, Properties sysProps, Path cwd, Path userHome) {
        Set<Path> out = new LinkedHashSet<>();
        String fileName = zipFileName(version);
        if (explicitZip != null) {
            out.add(explicitZip);
        }
        String prop = sysProps.getProperty(DIST_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            out.add(Path.of(prop));
        }
        out.add(cwd.resolve("target/opensearch-dist").resolve(fileName));
        String repoLocal = sysProps.getProperty("maven.repo.local");
        if (repoLocal != null && !repoLocal.isBlank()) {
            out.add(Path.of(repoLocal).resolve(GROUP_PATH).resolve(version).resolve(fileName));
        }
        out.add(userHome.resolve(".m2/repository").resolve(GROUP_PATH).resolve(version).resolve(fileName));
        return List.copyOf(out);
    }

    static String zipFileName(String version) {
        return "opensearch-" + version + ".zip";
    }

    public String version() {
        return version;
    }

    public Path zip() {
        return zip;
    }

    /**
     * Unpacks the distribution to {@code baseDir/opensearch-<version>} unless a complete copy is already there.
     * Files become world-readable (directories and executables world-traversable), so a dedicated system user can
     * run it.
     *
     * @return the OpenSearch home directory
     */
    public Path unpack(Path baseDir) {
        Path home = baseDir.resolve("opensearch-" + version);
        if (isComplete(home)) {
            return home;
        }
        IN_JVM_LOCK.lock();
        try {
            Files.createDirectories(baseDir);
            Path lockFile = baseDir.resolve(".opensearch-" + version + ".lock");
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = ch.lock(); // other JVMs sharing the base dir wait here
                try {
                    return unpackLocked(baseDir, home);
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unpacking " + zip + " into " + baseDir, e);
        } finally {
            IN_JVM_LOCK.unlock();
        }
    }

    private Path unpackLocked(Path baseDir, Path home) throws IOException {
        if (isComplete(home)) {
            return home;
        }
        if (Files.exists(home)) {
            Directories.delete(home); // left behind by an interrupted, non-atomic copy
        }
        long t0 = System.nanoTime();
        Path tmp = baseDir.resolve(".opensearch-" + version + ".unpacking-" + ProcessHandle.current().pid());
        Directories.delete(tmp);
        try {
            extract(zip, "opensearch-" + version, tmp);
            Files.writeString(tmp.resolve(MARKER), zip + "\n");
        } catch (IOException | RuntimeException e) {
            Directories.delete(tmp);
            throw e;
        }
        try {
            Files.move(tmp, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, home);
        }
        LOG.log(System.Logger.Level.INFO, "unpacked {0} into {1} in {2} ms", zip, home,
                Long.toString((System.nanoTime() - t0) / 1_000_000));
        return home;
    }

    static boolean isComplete(Path home) {
        return Files.isRegularFile(home.resolve(MARKER)) && Files.isExecutable(home.resolve("bin/opensearch"));
    }

    /** Extracts the entries below {@code topDir/} of the zip into {@code target}, keeping Unix modes. */
    static void extract(Path zip, String topDir, Path target) throws IOException {
        Files.createDirectories(target);
        setMode(target, true, false);
        try (FileSystem zfs = FileSystems.newFileSystem(zip,
                // entries written without Unix modes read as rw-r--r--
                Map.of("enablePosixFileAttributes", "true", "defaultPermissions", "rw-r--r--"))) {
            Path root = zfs.getPath("/" + topDir);
            if (!Files.isDirectory(root)) {
                throw new IOException(zip + " has no top-level directory " + topDir + "/");
            }
            List<Path> entries;
            try (Stream<Path> s = Files.walk(root)) {
                entries = s.toList();
            }
            for (Path entry : entries) {
                String rel = root.relativize(entry).toString();
                if (rel.isEmpty()) {
                    continue;
                }
                Path out = target.resolve(rel).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry escapes the target directory: " + entry);
                }
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(out);
                    setMode(out, true, false);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(entry, out, StandardCopyOption.REPLACE_EXISTING);
                    setMode(out, false, isExecutable(entry, rel));
                }
            }
        }
    }

    private static boolean isExecutable(Path entry, String rel) {
        if (rel.startsWith("bin/") && !rel.endsWith(".bat") && !rel.endsWith(".exe")) {
            return true;
        }
        try {
            return Files.getPosixFilePermissions(entry).contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return false; // entry written without Unix attributes
        }
    }

    /** 755 for directories and executables, 644 otherwise: readable by the unprivileged user that runs the node. */
    private static void setMode(Path p, boolean dir, boolean exec) throws IOException {
        Set<PosixFilePermission> perms = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if (dir || exec) {
            perms.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
        }
        try {
            Files.setPosixFilePermissions(p, perms);
        } catch (UnsupportedOperationException e) {
            // non-POSIX file system: nothing to do
        }
    }

    @Override
    public String toString() {
        return "OpenSearch " + version + " (" + zip + ")";
    }
}
