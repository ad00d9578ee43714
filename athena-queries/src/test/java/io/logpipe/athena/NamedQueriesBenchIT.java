package io.logpipe.athena;

import io.trino.client.StatementStats;
import io.trino.testing.MaterializedResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Query times of every named query over a larger lake, for docs/BENCHMARKS.md. Off unless
 * {@code -Dlogpipe.athena.bench.events=N} is given:
 * <pre>
 * ./mvnw -pl athena-queries -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=NamedQueriesBenchIT -Dlogpipe.athena.bench.events=1000000
 * </pre>
 * The lake is the test corpus' kind (testkit generator through the real processor) spread over 28 days, one
 * object per service and hour. Each query runs three times (the first on a cold JIT), on one embedded Trino node
 * using the machine's cores; wall-clock milliseconds. Results also go to target/athena-it/bench/results.md.
 */
class NamedQueriesBenchIT {
    private static final int DAYS = 28;

    @Test
    void timeEveryNamedQuery() throws Exception {
        String events = System.getProperty("logpipe.athena.bench.events");
        assumeTrue(events != null && !events.isBlank(), "set -Dlogpipe.athena.bench.events to run");
        long target = Long.parseLong(events.strip());
        int payloads = (int) Math.ceil(target / 35.0); // 10..60 events a payload
        long spacing = Duration.ofDays(DAYS).toMillis() / payloads;
        int perObject = (int) Math.max(24, Duration.ofHours(1).toMillis() / spacing);
        Path work = Path.of(System.getProperty("logpipe.athena.work-dir", "target/athena-it")).resolve("bench");
        deleteTree(work);

        long t0 = System.nanoTime();
        LakeCorpus lake = LakeCorpus.write(work.resolve("lake"), 7,
                new LakeCorpus.Shape(payloads, 10, 60, spacing, perObject, false));
        long corpusMs = (System.nanoTime() - t0) / 1_000_000;
        long objects;
        long rawBytes;
        try (var files = Files.walk(work.resolve("lake/logs/structured"))) {
            objects = files.filter(Files::isRegularFile).count();
        }
        try (var files = Files.walk(work.resolve("lake/logs/raw"))) {
            rawBytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        String from = "2024-03-12";
        String to = java.time.LocalDate.parse(from).plusDays(DAYS).toString();

        List<String> lines = new ArrayList<>();
        try (EmbeddedTrino trino = new EmbeddedTrino(work.resolve("lake"))) {
            t0 = System.nanoTime();
            for (SqlFiles.SqlFile ddl : SqlFiles.ddl()) {
                AthenaTable table = AthenaTable.parse(ddl.statement());
                trino.execute(TrinoTables.createTable(table, table.name(), "local://"));
                trino.execute("CALL system.sync_partition_metadata('logs', '" + table.name() + "', 'FULL')");
            }
            for (SqlFiles.SqlFile view : SqlFiles.views()) {
                trino.execute(view.statement());
            }
            long setupMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(trino.execute("SELECT count(*) FROM structured_logs").getOnlyValue())
                    .isEqualTo(lake.documentCount);
            lines.add(String.format("documents %,d (target %,d), structured objects %,d = %,d gzip bytes, raw %,d bytes;"
                    + " corpus %,d ms, tables+partitions %,d ms", lake.documentCount, target, objects,
                    lake.structuredBytes, rawBytes, corpusMs, setupMs));
            lines.add("load average before the queries: " + loadAverage());
            lines.add("| query | parameters | result rows | wall ms, runs 1 / 2 / 3 | CPU s (run 3) | rows read |"
                    + " bytes read | splits |");
            lines.add("|---|---|---|---|---|---|---|---|");
            Map<String, List<String>> runs = new java.util.LinkedHashMap<>();
            runs.put("error_trend", List.of("'hour'", q(from), q(to)));
            runs.put("top_error_fingerprints", List.of(q(from), q(to)));
            runs.put("slow_requests", List.of(q(from), q(to)));
            runs.put("sla_report", List.of("'week'", q(from), q(to), "0.999"));
            runs.put("lambda_cold_starts", List.of("'day'", q(from), q(to)));
            runs.put("log_volume_cost", List.of(q(from), q(to), "0.023", "5.0"));
            runs.put("search_by_trace_id", List.of(q(LakeCorpus.TRACE_ID), q(from), q(to)));
            runs.put("search_by_trace_id (one day)", List.of(q(LakeCorpus.TRACE_ID), q("2024-03-22"), q("2024-03-22")));
            for (Map.Entry<String, List<String>> run : runs.entrySet()) {
                String name = run.getKey().split(" ")[0];
                SqlFiles.SqlFile file = SqlFiles.named(name);
                assertThat(trino.validatePrepared(file.statement(), run.getValue()).getOnlyValue()).isEqualTo(true);
                long[] ms = new long[3];
                MaterializedResult result = null;
                for (int i = 0; i < ms.length; i++) {
                    long start = System.nanoTime();
                    result = trino.executePrepared(file.statement(), run.getValue());
                    ms[i] = (System.nanoTime() - start) / 1_000_000;
                }
                StatementStats stats = result.getStatementStats().orElseThrow();
                lines.add(String.format("| %s | %s | %,d | %,d / %,d / %,d | %.1f | %,d | %,d | %,d |", run.getKey(),
                        String.join(", ", run.getValue()), result.getRowCount(), ms[0], ms[1], ms[2],
                        stats.getCpuTimeMillis() / 1000.0, stats.getProcessedRows(), stats.getPhysicalInputBytes(),
                        stats.getTotalSplits()));
            }
            long start = System.nanoTime();
            MaterializedResult raw = trino.execute("SELECT count(*) FROM raw_log_events WHERE dt BETWEEN " + q(from)
                    + " AND " + q(to));
            StatementStats stats = raw.getStatementStats().orElseThrow();
            lines.add(String.format("| raw_log_events count(*) | %s, %s | 1 (%,d events) | %,d | %.1f | %,d | %,d | %,d |",
                    q(from), q(to), (Long) raw.getOnlyValue(), (System.nanoTime() - start) / 1_000_000,
                    stats.getCpuTimeMillis() / 1000.0, stats.getProcessedRows(), stats.getPhysicalInputBytes(),
                    stats.getTotalSplits()));
            lines.add("load average after the queries: " + loadAverage());
        }
        System.out.println("athena-queries benchmark\n" + String.join("\n", lines));
        Files.write(work.resolve("results.md"), lines);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static String q(String s) {
        return "'" + s + "'";
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
