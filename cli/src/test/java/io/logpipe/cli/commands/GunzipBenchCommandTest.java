package io.logpipe.cli.commands;

import io.logpipe.cli.LogpipeCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class GunzipBenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void should_check_both_gunzips_agree_and_report_a_rate_for_each() throws IOException {
        Path corpus = dir.resolve("events.ndjson");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            lines.append(cloudWatchEvent("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"" + i
                    + "\",\"timestamp\":1710238532000,\"message\":\"" + "order created ".repeat(50 + i) + "\"}]}"))
                    .append('\n');
        }
        Files.writeString(corpus, lines);
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new LogpipeCli());
        cli.setOut(new PrintWriter(out));

        int exit = cli.execute("bench-gunzip", "--input", corpus.toString(), "--warmup", "0", "--iterations", "2");

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString())
                .contains("3 payloads")
                .contains("identical with both")
                .containsPattern("median GzipDecoder [\\d,]+ MB/CPU-s, GZIPInputStream [\\d,]+ MB/CPU-s");
    }

    private static String cloudWatchEvent(String payload) throws IOException {
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write(payload.getBytes(StandardCharsets.UTF_8));
        }
        return "{\"awslogs\":{\"data\":\"" + Base64.getEncoder().encodeToString(gzip.toByteArray()) + "\"}}";
    }
}
