package io.logpipe.cdk;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code npx cdk synth -c env=dev} from the repository root, as a user runs it: the pinned CLI (package-lock.json)
 * runs cdk.json's app (bin/cdk-app, here reusing this build's classes), offline, without AWS credentials. Runs when
 * {@code npm ci} has installed node_modules (.ci/run does).
 */
class CdkSynthIT {

    @Test
    void cdkSynthWorksFromTheRepositoryRoot(@TempDir Path out) throws Exception {
        Path root = RepoPaths.root();
        Assumptions.assumeTrue(Files.isExecutable(root.resolve("node_modules/.bin/cdk")),
                "node_modules missing: run npm ci at the repository root");
        ProcessBuilder pb = new ProcessBuilder("node_modules/.bin/cdk", "synth", "-c", "env=dev", "--output", out.toString(),
                "--quiet").directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("LOGPIPE_CDK_SKIP_BUILD", "1");
        // No credentials or region from the machine: synthesis must not need them.
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        Path log = out.resolve("synth.log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(8, TimeUnit.MINUTES)).as("cdk synth finished").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("cdk-nag [error]");
        List<String> templates = templates(out);
        assertThat(templates).contains("Logpipe-Dev-Network.template.json", "Logpipe-Dev-Search.template.json",
                "Logpipe-Dev-Processing.template.json");
    }

    private static List<String> templates(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".template.json")).sorted().toList();
        }
    }
}
