package io.logpipe.testkit.servers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenSearchDistributionTest {

    private static final String V = "9.9.9";

    @TempDir
    Path tmp;

    @Test
    void defaultVersionComesFromTheFilteredProperties() {
        assertThat(OpenSearchDistribution.defaultVersion()).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void candidatesInPriorityOrder() {
        Properties props = new Properties();
        props.setProperty(OpenSearchDistribution.DIST_PROPERTY, "/dist/from-prop.zip");
        props.setProperty("maven.repo.local", "/custom/repo");
        List<Path> c = OpenSearchDistribution.candidates(V, Path.of("/explicit.zip"), props, Path.of("/work/tk"),
                Path.of("/home/dev"));
        assertThat(c).containsExactly(
                Path.of("/explicit.zip"),
                Path.of("/dist/from-prop.zip"),
                Path.of("/work/tk/target/opensearch-dist/opensearch-9.9.9.zip"),
                Path.of("/custom/repo/org/opensearch/distribution/integ-test-zip/opensearch/9.9.9/opensearch-9.9.9.zip"),
                Path.of("/home/dev/.m2/repository/org/opensearch/distribution/integ-test-zip/opensearch/9.9.9/"
                        + "opensearch-9.9.9.zip"));
    }

    @Test
    void fallsBackToTheLocalMavenRepository() throws Exception {
        Path home = tmp.resolve("home");
        Path inM2 = home.resolve(".m2/repository/org/opensearch/distribution/integ-test-zip/opensearch/9.9.9/"
                + "opensearch-9.9.9.zip");
        Files.createDirectories(inM2.getParent());
        Files.writeString(inM2, "zip");
        List<Path> c = OpenSearchDistribution.candidates(V, null, new Properties(), tmp.resolve("cwd"), home);
        OpenSearchDistribution d = OpenSearchDistribution.locate(V, c);
        assertThat(d.zip()).isEqualTo(inM2);
        assertThat(d.version()).isEqualTo(V);
    }

    @Test
    void prefersTheBuildCopyOverTheRepository() throws Exception {
        Path home = tmp.resolve("home");
        Path cwd = tmp.resolve("cwd");
        Path inTarget = cwd.resolve("target/opensearch-dist/opensearch-9.9.9.zip");
        Path inM2 = home.resolve(".m2/repository/" + OpenSearchDistribution.GROUP_PATH + "/9.9.9/opensearch-9.9.9.zip");
        for (Path p : List.of(inTarget, inM2)) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "zip");
        }
        assertThat(OpenSearchDistribution.locate(V, OpenSearchDistribution.candidates(V, null, new Properties(), cwd,
                home)).zip()).isEqualTo(inTarget);
    }

    @Test
    void missingZipExplainsHowToGetIt() {
        List<Path> c = OpenSearchDistribution.candidates(V, null, new Properties(), tmp, tmp);
        assertThatThrownBy(() -> OpenSearchDistribution.locate(V, c))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not found")
                .hasMessageContaining("dependency:get");
    }

    @Test
    void unpacksOnceWithReadableFilesAndExecutableScripts() throws Exception {
        Path zip = fakeZip();
        OpenSearchDistribution d = OpenSearchDistribution.locate(V, List.of(zip));
        Path base = tmp.resolve("base");

        Path home = d.unpack(base);
        assertThat(home).isEqualTo(base.resolve("opensearch-9.9.9"));
        assertThat(home.resolve("bin/opensearch")).isExecutable();
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/opensearch")))
                .contains(PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_READ);
        assertThat(Files.getPosixFilePermissions(home.resolve("config/jvm.options")))
                .contains(PosixFilePermission.OTHERS_READ).doesNotContain(PosixFilePermission.OTHERS_EXECUTE);
        assertThat(Files.getPosixFilePermissions(home.resolve("config")))
                .contains(PosixFilePermission.OTHERS_EXECUTE);
        assertThat(Files.isExecutable(home.resolve("bin/opensearch.bat"))).isFalse();
        assertThat(home.resolve("lib/a.jar")).hasContent("jar");
        assertThat(OpenSearchDistribution.isComplete(home)).isTrue();
        try (var s = Files.list(base)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("unpacking"));
        }

        Path sentinel = Files.writeString(home.resolve("sentinel"), "kept");
        assertThat(d.unpack(base)).isEqualTo(home);
        assertThat(sentinel).as("an existing unpacked copy is reused").exists();
    }

    @Test
    void replacesAnIncompleteCopy() throws Exception {
        Path base = tmp.resolve("base");
        Path home = Files.createDirectories(base.resolve("opensearch-9.9.9/bin"));
        Files.writeString(home.resolve("half-written"), "x");
        Path unpacked = OpenSearchDistribution.locate(V, List.of(fakeZip())).unpack(base);
        assertThat(unpacked.resolve("bin/half-written")).doesNotExist();
        assertThat(unpacked.resolve("bin/opensearch")).isExecutable();
    }

    @Test
    void rejectsAZipWithoutTheVersionedTopDirectory() throws Exception {
        Path zip = tmp.resolve("other.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(out, "elasticsearch-1.0/bin/elasticsearch", "#!/bin/sh");
        }
        OpenSearchDistribution d = OpenSearchDistribution.locate(V, List.of(zip));
        assertThatThrownBy(() -> d.unpack(tmp.resolve("base")))
                .hasStackTraceContaining("has no top-level directory opensearch-9.9.9/");
        try (var s = Files.list(tmp.resolve("base"))) {
            assertThat(s.map(p -> p.getFileName().toString())).as("no half-unpacked leftovers")
                    .noneMatch(n -> n.startsWith("opensearch-") || n.contains("unpacking"));
        }
    }

    /** A zip shaped like the integ-test distribution, written without Unix modes. */
    private Path fakeZip() throws Exception {
        Path zip = tmp.resolve("opensearch-9.9.9.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("opensearch-9.9.9/"));
            out.closeEntry();
            put(out, "opensearch-9.9.9/bin/opensearch", "#!/bin/sh\necho hi\n");
            put(out, "opensearch-9.9.9/bin/opensearch.bat", "@echo off");
            put(out, "opensearch-9.9.9/config/jvm.options", "-Xms1g\n");
            put(out, "opensearch-9.9.9/lib/a.jar", "jar");
        }
        return zip;
    }

    private static void put(ZipOutputStream out, String name, String content) throws Exception {
        out.putNextEntry(new ZipEntry(name));
        OutputStream o = out;
        o.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
