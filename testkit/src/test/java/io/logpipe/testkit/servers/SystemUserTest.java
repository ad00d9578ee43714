package io.logpipe.testkit.servers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SystemUserTest {

    @TempDir
    Path tmp;

    @Test
    void uidDecidesRootWhenKnown() {
        assertThat(SystemUser.isRoot(OptionalLong.of(0), "someone")).isTrue();
        assertThat(SystemUser.isRoot(OptionalLong.of(1000), "root")).isFalse();
    }

    @Test
    void userNameDecidesWhenUidUnknown() {
        assertThat(SystemUser.isRoot(OptionalLong.empty(), "root")).isTrue();
        assertThat(SystemUser.isRoot(OptionalLong.empty(), "dev")).isFalse();
        assertThat(SystemUser.isRoot(OptionalLong.empty(), null)).isFalse();
    }

    @Test
    void switchesUserOnlyAsRoot() {
        assertThat(SystemUser.switchTo(true, "logpipe-os")).contains("logpipe-os");
        assertThat(SystemUser.switchTo(false, "logpipe-os")).isEmpty();
    }

    @Test
    void currentUidAgreesWithId() {
        SystemUser.Result id = SystemUser.run(List.of("id", "-u"));
        assertThat(id.exitCode()).isZero();
        assertThat(SystemUser.currentUid()).hasValue(Long.parseLong(id.output().strip()));
        assertThat(SystemUser.runningAsRoot()).isEqualTo(id.output().strip().equals("0"));
    }

    @Test
    void privateAncestorBlocksTraversal() throws Exception {
        Path open = Files.createDirectories(tmp.resolve("open/inner"));
        Path closed = Files.createDirectories(tmp.resolve("closed/inner"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(tmp.resolve("open"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(tmp.resolve("closed"), PosixFilePermissions.fromString("rwx------"));
        assumeTrue(SystemUser.traversableByOthers(tmp), "the temp dir's ancestors must be traversable");

        assertThat(SystemUser.traversableByOthers(open)).isTrue();
        assertThat(SystemUser.traversableByOthers(open.resolve("not/yet/created"))).isTrue();
        assertThat(SystemUser.traversableByOthers(closed)).isFalse();
        assertThat(SystemUser.traversableByOthers(closed.resolve("not/yet/created"))).isFalse();
    }

    @Test
    void fallsBackOnlyWhenSwitchingToAUserThatCannotReachTheBaseDir() {
        Path requested = Path.of("/root/project/target");
        Path fallback = SystemUser.fallbackBaseDir(0);
        assertThat(fallback).isEqualTo(Path.of("/tmp/logpipe-opensearch-0"));
        assertThat(SystemUser.accessibleBaseDir(requested, false, p -> false, fallback)).isEqualTo(requested);
        assertThat(SystemUser.accessibleBaseDir(requested, true, p -> true, fallback)).isEqualTo(requested);
        assertThat(SystemUser.accessibleBaseDir(requested, true, p -> false, fallback)).isEqualTo(fallback);
        assertThat(SystemUser.accessibleBaseDir(Path.of("rel"), false, p -> true, fallback)).isAbsolute();
    }

    @Test
    void asRootCreatesTheUserIdempotentlyAndChowns() throws Exception {
        assumeTrue(SystemUser.runningAsRoot(), "needs root");
        SystemUser.ensureExists(SystemUser.DEFAULT_NAME);
        SystemUser.ensureExists(SystemUser.DEFAULT_NAME);
        assertThat(SystemUser.run(List.of("id", "-u", SystemUser.DEFAULT_NAME)).exitCode()).isZero();

        Path dir = Files.createDirectories(tmp.resolve("node/data"));
        Files.writeString(dir.resolve("f"), "x");
        SystemUser.chownRecursively(tmp.resolve("node"), SystemUser.DEFAULT_NAME);
        assertThat(Files.getOwner(dir.resolve("f")).getName()).isEqualTo(SystemUser.DEFAULT_NAME);
        assertThat(Files.getOwner(tmp.resolve("node")).getName()).isEqualTo(SystemUser.DEFAULT_NAME);
    }
}
