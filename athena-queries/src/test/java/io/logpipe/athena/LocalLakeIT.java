package io.logpipe.athena;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LocalLake}'s command line (what {@code ./logpipe sql} and {@code ./logpipe query} run, minus the script)
 * on a small generated lake: a count through {@code sql}, then a named query through {@code query} with its
 * parameters bound from the arguments.
 */
class LocalLakeIT {
    @Test
    void sqlAndNamedQueryOverADemoLake() throws Exception {
        Path lake = Path.of(System.getProperty("logpipe.athena.work-dir", "target/athena-it")).resolve("local-lake");
        deleteTree(lake);
        // the same corpus --demo-data writes, smaller, to know the expected counts
        Path expectedLake = lake.resolveSibling("local-lake-expected");
        deleteTree(expectedLake);
        LakeCorpus corpus = LakeCorpus.write(expectedLake, LocalLake.DEMO_SEED,
                new LakeCorpus.Shape(40, 10, 60, LakeCorpus.TEST.spacingMs(), 24, true));
        deleteTree(expectedLake);
        long errors = corpus.docs.stream().filter(Doc::isError).count();

        Run count = run("sql", "--lake", lake.toString(), "--demo-data", "--payloads", "40",
                "SELECT count(*) AS documents FROM structured_logs;");
        assertThat(count.status).as(count.err).isZero();
        List<String> lines = count.out.lines().toList();
        assertThat(lines.get(0).strip()).isEqualTo("documents");
        assertThat(lines.get(1)).matches("-+");
        assertThat(lines.get(2).strip()).isEqualTo(Long.toString(corpus.documentCount));
        assertThat(lines.get(3)).matches("\\(1 row, \\d+\\.\\d\\d s\\)");
        assertThat(count.err).contains("structured_logs: ").contains("demo lake");

        String from = corpus.docs.stream().map(Doc::dt).min(Comparator.naturalOrder()).orElseThrow();
        String to = corpus.docs.stream().map(Doc::dt).max(Comparator.naturalOrder()).orElseThrow();
        Run trend = run("query", "--lake", lake.toString(), "error_trend", "day", from, to);
        assertThat(trend.status).as(trend.err).isZero();
        lines = trend.out.lines().toList();
        assertThat(Arrays.stream(lines.get(0).split("\\|")).map(String::strip).toList())
                .containsExactly("service", "period_start", "events", "errors", "fatal", "error_ratio");
        List<String[]> rows = lines.subList(2, lines.size() - 1).stream()
                .map(l -> Arrays.stream(l.split("\\|")).map(String::strip).toArray(String[]::new)).toList();
        assertThat(lines.getLast()).startsWith("(" + rows.size() + " rows, ");
        assertThat(rows.stream().mapToLong(r -> Long.parseLong(r[2])).sum()).isEqualTo(corpus.documentCount);
        assertThat(rows.stream().mapToLong(r -> Long.parseLong(r[3])).sum()).isEqualTo(errors);
        assertThat(rows).allSatisfy(r -> assertThat(r[1]).matches("\\d{4}-\\d\\d-\\d\\d 00:00:00\\.000 UTC"));

        Run wrong = run("query", "--lake", lake.toString(), "error_trend", "day");
        assertThat(wrong.status).isEqualTo(2);
        assertThat(wrong.err).contains("error_trend takes 3 parameter(s), got 1").contains("from_dt");
        assertThat(lake.resolve("_logpipe_metastore")).doesNotExist();
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LocalLake.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
