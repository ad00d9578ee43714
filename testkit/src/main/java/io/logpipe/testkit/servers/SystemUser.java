package io.logpipe.testkit.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * OpenSearch refuses to run as root. When this JVM is root, nodes run as a dedicated system user
 * ({@value #DEFAULT_NAME}), created on demand with
 * {@code useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin}, and started through
 * {@code runuser -u <user> -- ...}. The per-node directory is chowned to that user; the install only needs to be
 * world-readable, which {@link OpenSearchDistribution#unpack} ensures.
 *
 * <p>The user must also be able to traverse every ancestor of the install and node directories. A base directory
 * below a private one (e.g. {@code /root}, mode 700) is therefore replaced by {@link #fallbackBaseDir}
 * ({@code /tmp/logpipe-opensearch-<uid>}).
 */
public final class SystemUser {

    public static final String DEFAULT_NAME = "logpipe-os";

    private SystemUser() {
    }

    /** Whether this JVM runs as root (uid 0), falling back to {@code user.name} when the uid is unknown. */
    public static boolean runningAsRoot() {
        return isRoot(currentUid(), System.getProperty("user.name"));
    }

    /** The user to switch to: {@code user} when running as root, else none (run as the current user). */
    static Optional<String> switchTo(boolean root, String user) {
        return root ? Optional.of(user) : Optional.empty();
    }

    static boolean isRoot(OptionalLong uid, String userName) {
        if (uid.isPresent()) {
            return uid.getAsLong() == 0;
        }
        return "root".equals(userName);
    }

    /** The effective uid of this process: owner of {@code /proc/self}, else the output of {@code id -u}. */
    static OptionalLong currentUid() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (uid instanceof Number n) {
                return OptionalLong.of(n.longValue());
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no /proc or no unix attribute view: ask id(1)
        }
        try {
            Result r = run(List.of("id", "-u"));
            return r.exitCode() == 0 ? OptionalLong.of(Long.parseLong(r.output().strip())) : OptionalLong.empty();
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Creates the system user unless it exists; safe to call concurrently from several JVMs. */
    public static void ensureExists(String name) {
        if (run(List.of("id", "-u", name)).exitCode() == 0) {
            return;
        }
        Result r = run(List.of("useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                "--shell", "/usr/sbin/nologin", name));
        // 9 = name already in use: another JVM created it in the meantime.
        if (r.exitCode() != 0 && r.exitCode() != 9) {
            throw new IllegalStateException("useradd " + name + " failed (" + r.exitCode() + "): " + r.output());
        }
    }

    /** Makes {@code user} (and its group, when one of that name exists) own {@code dir} and everything below. */
    public static void chownRecursively(Path dir, String user) {
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        try {
            UserPrincipal owner = lookup.lookupPrincipalByName(user);
            GroupPrincipal group = null;
            try {
                group = lookup.lookupPrincipalByGroupName(user);
            } catch (UserPrincipalNotFoundException e) {
                // no user-private group: keep the group
            }
            List<Path> all;
            try (Stream<Path> s = Files.walk(dir)) {
                all = s.toList();
            }
            for (Path p : all) {
                PosixFileAttributeView view =
                        Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                view.setOwner(owner);
                if (group != null) {
                    view.setGroup(group);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("chown -R " + user + " " + dir, e);
        }
    }

    /**
     * Whether a user that is neither owner nor in the group can reach {@code dir}: every existing ancestor (and
     * {@code dir} itself if it exists) must have the others-execute bit. Missing components will be created by the
     * launcher with mode 755.
     */
    public static boolean traversableByOthers(Path dir) {
        for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (!Files.exists(p)) {
                continue;
            }
            try {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return true;
    }

    /** {@code requested} when the node user can reach it (or no user switch happens), else {@code fallback}. */
    static Path accessibleBaseDir(Path requested, boolean switchUser, Predicate<Path> traversable, Path fallback) {
        Path abs = requested.toAbsolutePath().normalize();
        return !switchUser || traversable.test(abs) ? abs : fallback;
    }

    /** {@code /tmp/logpipe-opensearch-<uid>} ({@code java.io.tmpdir} if /tmp is missing). */
    static Path fallbackBaseDir(long uid) {
        Path tmp = Files.isDirectory(Path.of("/tmp")) ? Path.of("/tmp") : Path.of(System.getProperty("java.io.tmpdir"));
        return tmp.resolve("logpipe-opensearch-" + uid);
    }

    record Result(int exitCode, String output) {
    }

    static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException("running " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }
}
