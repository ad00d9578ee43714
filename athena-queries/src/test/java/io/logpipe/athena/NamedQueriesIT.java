package io.logpipe.athena;

import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Athena SQL against embedded Trino 483 (Athena engine v3 is built on Trino): the tables are created from the
 * Athena DDL ({@link TrinoTables}) over a local lake written by the real processor ({@link LakeCorpus}), the view
 * and every named query run unchanged (as prepared statements, {@code EXECUTE ... USING}, which is how Athena
 * passes execution parameters) after {@code EXPLAIN (TYPE VALIDATE)} of the same, and each result is compared with
 * an answer computed here in Java from the documents themselves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NamedQueriesIT {
    private static final long SEED = 42;
    private static final double EPS = 1e-9;

    private LakeCorpus lake;
    private EmbeddedTrino trino;
    private List<Doc> docs;
    private String fromDt;
    private String toDt;
    private final Set<String> executed = new TreeSet<>();
    private final Map<String, Long> millis = new LinkedHashMap<>();

    @BeforeAll
    void setUp() throws Exception {
        Path work = Path.of(System.getProperty("logpipe.athena.work-dir", "target/athena-it")).resolve("named-queries");
        deleteTree(work);
        long t0 = System.nanoTime();
        lake = LakeCorpus.write(work.resolve("lake"), SEED, LakeCorpus.TEST);
        docs = lake.docs;
        millis.put("(corpus)", (System.nanoTime() - t0) / 1_000_000);
        fromDt = docs.stream().map(Doc::dt).min(Comparator.naturalOrder()).orElseThrow();
        toDt = docs.stream().map(Doc::dt).max(Comparator.naturalOrder()).orElseThrow();

        t0 = System.nanoTime();
        trino = new EmbeddedTrino(work.resolve("lake"));
        millis.put("(trino start)", (System.nanoTime() - t0) / 1_000_000);
        t0 = System.nanoTime();
        for (SqlFiles.SqlFile ddl : SqlFiles.ddl()) {
            AthenaTable table = AthenaTable.parse(ddl.statement());
            trino.execute(TrinoTables.createTable(table, table.name(), "local://"));
            // Athena projects partitions from storage.location.template; here they are registered from what is on
            // disk, and each one must be exactly where the template says.
            String prefix = TrinoTables.tableLocation(table, "").replaceAll("^/+|/+$", "");
            for (Map<String, String> partition : lake.partitions(prefix)) {
                String location = TrinoTables.partitionLocation(table, partition, "");
                String expectedDir = prefix + "/" + partition.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("/")) + "/";
                assertThat(location).isEqualTo("/" + expectedDir);
                assertThat(partition.keySet()).containsExactlyElementsOf(
                        table.partitionColumns().stream().map(AthenaTable.Column::name).toList());
            }
            trino.execute("CALL system.sync_partition_metadata('" + EmbeddedTrino.SCHEMA + "', '" + table.name()
                    + "', 'FULL')");
        }
        for (SqlFiles.SqlFile view : SqlFiles.views()) {
            assertValid(trino.execute("EXPLAIN (TYPE VALIDATE) " + view.statement()));
            trino.execute(view.statement());
            executed.add("views/" + view.name());
        }
        millis.put("(tables, partitions, view)", (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    void tearDown() {
        if (trino != null) {
            trino.close();
        }
        StringBuilder report = new StringBuilder(String.format("athena-queries IT: %d documents, %d raw payloads, %s .. %s",
                docs == null ? 0 : docs.size(), lake == null ? 0 : lake.rawPayloads.size(), fromDt, toDt));
        millis.forEach((k, v) -> report.append(String.format("%n  %-62s %6d ms", k, v)));
        System.out.println(report);
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void tablesReadEveryDocumentWithTheMappedColumns() {
        assertThat(docs).hasSizeGreaterThan(5_000);
        assertThat(lake.deadLetters).isEmpty();
        assertThat(scalar("SELECT count(*) FROM structured_logs")).isEqualTo((long) docs.size());
        // @timestamp via mapping.ts, service via mapping.service_info, partition = service.name = object's folder
        assertThat(scalar("SELECT count(*) FROM structured_logs WHERE ts IS NULL OR service_info.name <> service "
                + "OR substr(ts, 1, 10) <> dt OR substr(ts, 12, 2) <> hour "
                + "OR strpos(\"$path\", 'service=' || service || '/dt=' || dt || '/hour=' || hour || '/') = 0"))
                .isEqualTo(0L);
        Map<String, Long> perService = docs.stream().collect(Collectors.groupingBy(Doc::service, TreeMap::new,
                Collectors.counting()));
        assertThat(rows("SELECT service, count(*) FROM structured_logs GROUP BY service ORDER BY service"))
                .containsExactlyElementsOf(perService.entrySet().stream().map(e -> List.<Object>of(e.getKey(),
                        e.getValue())).toList());
        // attributes is the object's JSON text
        Doc withAttributes = docs.stream().filter(d -> d.attributes() != null && d.attributes().contains("\":{"))
                .findFirst().orElseThrow();
        Object attributes = scalar("SELECT attributes FROM structured_logs WHERE event.id = '"
                + withAttributes.eventId() + "' AND dt = '" + withAttributes.dt() + "'");
        assertThat(json(attributes.toString())).isEqualTo(json(withAttributes.attributes()));
        assertThat(scalar("SELECT count(*) FROM structured_logs WHERE attributes IS NOT NULL"))
                .isEqualTo(docs.stream().filter(d -> d.attributes() != null).count());
    }

    @Test
    @Order(2)
    void rawLogEventsViewHasEveryDeliveredEvent() {
        long events = lake.rawPayloads.stream().filter(p -> p.messageType().equals("DATA_MESSAGE"))
                .mapToLong(LakeCorpus.RawPayload::events).sum();
        assertThat(scalar("SELECT count(*) FROM raw_logs")).isEqualTo((long) lake.rawPayloads.size());
        assertThat(scalar("SELECT count(*) FROM raw_log_events")).isEqualTo(events);
        Map<String, Long> perGroup = lake.rawPayloads.stream().collect(Collectors.groupingBy(
                LakeCorpus.RawPayload::logGroup, TreeMap::new,
                Collectors.summingLong(LakeCorpus.RawPayload::events)));
        assertThat(rows("SELECT log_group, count(*) FROM raw_log_events GROUP BY log_group ORDER BY log_group"))
                .containsExactlyElementsOf(perGroup.entrySet().stream().map(e -> List.<Object>of(e.getKey(),
                        e.getValue())).toList());
        // every document's event id is a delivered event (a multi-line document keeps its first line's id)
        assertThat(scalar("SELECT count(*) FROM structured_logs s LEFT JOIN raw_log_events r "
                + "ON s.event.id = r.event_id WHERE r.event_id IS NULL")).isEqualTo(0L);
        // the view's event_time is the event timestamp; partitions are the delivery hour
        assertThat(scalar("SELECT count(*) FROM raw_log_events WHERE to_unixtime(event_time) * 1000 "
                + "<> event_timestamp_ms OR date_format(event_time, '%Y-%m-%d') > dt")).isEqualTo(0L);
        assertValid(trino.execute("EXPLAIN (TYPE VALIDATE) SELECT * FROM raw_log_events"));
    }

    @Test
    @Order(10)
    void errorTrendPerHourAndPerDay() {
        assertErrorTrend("hour", ChronoUnit.HOURS, fromDt, toDt);
        String from = LocalDate.parse(fromDt).plusDays(3).toString();
        String to = LocalDate.parse(fromDt).plusDays(9).toString();
        assertErrorTrend("day", ChronoUnit.DAYS, from, to);
        assertThat(docs.stream().filter(Doc::isError).count()).isGreaterThan(100);
    }

    private void assertErrorTrend(String period, ChronoUnit unit, String from, String to) {
        List<List<Object>> actual = run("error_trend", lit(period), lit(from), lit(to));
        Map<List<Object>, long[]> expected = new TreeMap<>(KEY_ORDER);
        for (Doc d : inRange(from, to)) {
            long[] c = expected.computeIfAbsent(List.of(d.service(), d.ts().truncatedTo(unit)), k -> new long[3]);
            c[0]++;
            c[1] += d.isError() ? 1 : 0;
            c[2] += "FATAL".equals(d.level()) ? 1 : 0;
        }
        assertThat(actual).hasSize(expected.size());
        int i = 0;
        for (Map.Entry<List<Object>, long[]> e : expected.entrySet()) {
            List<Object> row = actual.get(i++);
            assertThat(List.of(row.get(0), instant(row.get(1)))).isEqualTo(e.getKey());
            assertThat(row.subList(2, 5)).containsExactly(e.getValue()[0], e.getValue()[1], e.getValue()[2]);
            assertThat((double) row.get(5)).isCloseTo((double) e.getValue()[1] / e.getValue()[0], within(EPS));
        }
        if (unit == ChronoUnit.DAYS) {
            assertThat(actual).extracting(r -> Doc.day(instant(r.get(1)))).allSatisfy(day ->
                    assertThat(day).isBetween(from, to));
        }
    }

    @Test
    @Order(11)
    void topErrorFingerprints() {
        List<List<Object>> actual = run("top_error_fingerprints", lit(fromDt), lit(toDt));
        Map<String, List<Doc>> byFingerprint = docs.stream().filter(d -> d.fingerprint() != null)
                .collect(Collectors.groupingBy(Doc::fingerprint));
        assertThat(byFingerprint).hasSizeGreaterThan(3);
        List<String> expectedOrder = byFingerprint.keySet().stream()
                .sorted(Comparator.<String>comparingInt(f -> -byFingerprint.get(f).size())
                        .thenComparing(Comparator.naturalOrder()))
                .limit(50).toList();
        assertThat(actual).extracting(r -> r.get(0)).containsExactlyElementsOf(expectedOrder);
        for (List<Object> row : actual) {
            List<Doc> group = byFingerprint.get((String) row.get(0));
            assertThat(row.get(1)).isEqualTo(group.stream().map(Doc::errorType).filter(Objects::nonNull)
                    .min(Comparator.naturalOrder()).orElse(null));
            assertThat(row.get(2)).isEqualTo((long) group.size());
            assertThat(row.get(3)).isEqualTo(group.stream().map(Doc::service).distinct().sorted().toList());
            assertThat(row.get(4)).isEqualTo(group.stream().map(Doc::host).filter(Objects::nonNull).distinct().count());
            Instant first = group.stream().map(Doc::ts).min(Comparator.naturalOrder()).orElseThrow();
            Instant last = group.stream().map(Doc::ts).max(Comparator.naturalOrder()).orElseThrow();
            assertThat(instant(row.get(5))).isEqualTo(first);
            assertThat(instant(row.get(6))).isEqualTo(last);
            assertThat(row.get(7)).isIn(group.stream().filter(d -> d.ts().equals(last)).map(Doc::errorMessage)
                    .toArray());
        }
    }

    @Test
    @Order(12)
    void slowRequestPercentilesPerServiceAndHour() {
        List<List<Object>> actual = run("slow_requests", lit(fromDt), lit(toDt));
        Map<List<Object>, List<Double>> expected = new TreeMap<>(KEY_ORDER);
        for (Doc d : docs) {
            if (d.durationNanos() != null) {
                expected.computeIfAbsent(List.of(d.service(), d.ts().truncatedTo(ChronoUnit.HOURS)),
                        k -> new ArrayList<>()).add(d.durationNanos() / 1e6);
            }
        }
        assertThat(expected).hasSizeGreaterThan(50);
        assertThat(actual).hasSize(expected.size());
        int i = 0;
        for (Map.Entry<List<Object>, List<Double>> e : expected.entrySet()) {
            List<Object> row = actual.get(i++);
            List<Double> values = e.getValue().stream().sorted().toList();
            String what = e.getKey().toString();
            assertThat(List.of(row.get(0), instant(row.get(1)))).isEqualTo(e.getKey());
            assertThat(row.get(2)).isEqualTo((long) values.size());
            assertApproxQuantile(what + " p50", (double) row.get(3), values, 0.50);
            assertApproxQuantile(what + " p95", (double) row.get(4), values, 0.95);
            assertApproxQuantile(what + " p99", (double) row.get(5), values, 0.99);
            assertThat((double) row.get(6)).isCloseTo(values.getLast(), within(EPS));
            assertThat((double) row.get(3)).isLessThanOrEqualTo((double) row.get(4) + EPS);
            assertThat((double) row.get(4)).isLessThanOrEqualTo((double) row.get(5) + EPS);
        }
    }

    @Test
    @Order(13)
    void slaReportPerWeekAndMonth() {
        assertSla("week", 0.99);
        assertSla("month", 0.999);
    }

    private void assertSla(String period, double slo) {
        List<List<Object>> actual = run("sla_report", lit(period), lit(fromDt), lit(toDt), Double.toString(slo));
        Function<Instant, Instant> truncate = t -> {
            LocalDate day = t.atZone(ZoneOffset.UTC).toLocalDate();
            LocalDate start = period.equals("week") ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    : day.withDayOfMonth(1);
            return start.atStartOfDay(ZoneOffset.UTC).toInstant();
        };
        Map<List<Object>, long[]> expected = new TreeMap<>(KEY_ORDER);
        for (Doc d : docs) {
            if (d.status() != null) {
                long[] c = expected.computeIfAbsent(List.of(d.service(), truncate.apply(d.ts())), k -> new long[2]);
                c[0]++;
                c[1] += d.status() >= 500 ? 1 : 0;
            }
        }
        assertThat(expected.values().stream().mapToLong(c -> c[1]).sum()).as("5xx in the corpus").isPositive();
        assertThat(actual).hasSize(expected.size());
        int i = 0;
        for (Map.Entry<List<Object>, long[]> e : expected.entrySet()) {
            List<Object> row = actual.get(i++);
            long requests = e.getValue()[0];
            long errors = e.getValue()[1];
            double availability = 1 - (double) errors / requests;
            assertThat(List.of(row.get(0), instant(row.get(1)))).isEqualTo(e.getKey());
            assertThat(row.subList(2, 4)).containsExactly(requests, errors);
            assertThat((double) row.get(4)).isCloseTo(availability, within(EPS));
            assertThat((double) row.get(5)).isEqualTo(slo);
            assertThat(row.get(6)).isEqualTo(availability >= slo);
            assertThat((double) row.get(7)).isCloseTo((1 - slo) * requests, within(1e-6));
            assertThat((double) row.get(8)).isCloseTo(1 - errors / ((1 - slo) * requests), within(1e-6));
        }
        if (period.equals("month")) {
            assertThat(actual).extracting(r -> instant(r.get(1)).atZone(ZoneOffset.UTC).getMonthValue())
                    .as("the corpus crosses a month boundary").contains(3, 4);
        }
    }

    @Test
    @Order(14)
    void lambdaColdStartsAndDuration() {
        List<List<Object>> actual = run("lambda_cold_starts", lit("day"), lit(fromDt), lit(toDt));
        Map<List<Object>, List<Doc>> expected = new TreeMap<>(KEY_ORDER);
        for (Doc d : docs) {
            if ("report".equals(d.platformEvent())) {
                expected.computeIfAbsent(Arrays.asList(d.service(), d.function(),
                        d.ts().truncatedTo(ChronoUnit.DAYS)), k -> new ArrayList<>()).add(d);
            }
        }
        assertThat(expected).hasSizeGreaterThan(5);
        assertThat(docs.stream().filter(d -> d.initMs() != null && "report".equals(d.platformEvent())).count())
                .as("cold starts in the corpus").isPositive();
        assertThat(actual).hasSize(expected.size());
        int i = 0;
        for (Map.Entry<List<Object>, List<Doc>> e : expected.entrySet()) {
            List<Object> row = actual.get(i++);
            List<Doc> g = e.getValue();
            assertThat(Arrays.asList(row.get(0), row.get(1), instant(row.get(2)))).isEqualTo(e.getKey());
            long cold = g.stream().filter(d -> d.initMs() != null).count();
            assertThat(row.get(3)).isEqualTo((long) g.size());
            assertThat(row.get(4)).isEqualTo(cold);
            assertThat((double) row.get(5)).isCloseTo((double) cold / g.size(), within(EPS));
            assertNullableClose(row.get(6), g.stream().filter(d -> d.initMs() != null).mapToDouble(Doc::initMs)
                    .average());
            assertNullableClose(row.get(7), g.stream().filter(d -> d.initMs() != null).mapToDouble(Doc::initMs)
                    .max());
            assertNullableClose(row.get(8), g.stream().filter(d -> d.durationMs() != null)
                    .mapToDouble(Doc::durationMs).average());
            List<Double> durations = g.stream().map(Doc::durationMs).filter(Objects::nonNull).sorted().toList();
            assertApproxQuantile(e.getKey() + " p95", (double) row.get(9), durations, 0.95);
            assertThat((double) row.get(10)).isCloseTo(durations.getLast(), within(EPS));
            assertThat(row.get(11)).isEqualTo(g.stream().filter(d -> "timeout".equals(d.lambdaStatus())).count());
            assertThat((double) row.get(12)).isCloseTo(g.stream()
                    .filter(d -> d.billedMs() != null && d.memoryMb() != null)
                    .mapToDouble(d -> d.billedMs() / 1000 * d.memoryMb() / 1024).sum(), within(1e-6));
            assertThat(row.get(13)).isEqualTo(g.stream().map(Doc::maxMemoryMb).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElse(null));
            assertThat(row.get(14)).isEqualTo(g.stream().map(Doc::memoryMb).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElse(null));
        }
    }

    @Test
    @Order(15)
    void logVolumeAndCostPerServiceAndDay() {
        List<List<Object>> actual = run("log_volume_cost", lit(fromDt), lit(toDt), "0.023", "5.0");
        Map<List<Object>, List<Doc>> expected = new TreeMap<>(KEY_ORDER);
        for (Doc d : docs) {
            expected.computeIfAbsent(List.of(d.service(), d.dt()), k -> new ArrayList<>()).add(d);
        }
        Map<String, Long> eventsPerDay = docs.stream().collect(Collectors.groupingBy(Doc::dt, Collectors.counting()));
        assertThat(actual).hasSize(expected.size());
        long storedTotal = 0;
        int i = 0;
        for (Map.Entry<List<Object>, List<Doc>> e : expected.entrySet()) {
            List<Object> row = actual.get(i++);
            List<Doc> g = e.getValue();
            Set<String> objects = g.stream().map(Doc::objectPath).collect(Collectors.toCollection(LinkedHashSet::new));
            long stored = objects.stream().mapToLong(lake::size).sum();
            storedTotal += stored;
            long messageBytes = g.stream().mapToLong(d -> d.message() == null ? 0
                    : d.message().getBytes(StandardCharsets.UTF_8).length).sum();
            assertThat(row.subList(0, 2)).isEqualTo(e.getKey());
            assertThat(row.subList(2, 7)).containsExactly((long) g.size(), g.stream().filter(Doc::isError).count(),
                    messageBytes, (long) objects.size(), stored);
            assertThat((double) row.get(7)).isCloseTo((double) stored / g.size(), within(EPS));
            assertThat((double) row.get(8)).isCloseTo((double) g.size() / eventsPerDay.get((String) e.getKey().get(1)),
                    within(EPS));
            assertThat((double) row.get(9)).isCloseTo(stored / 1073741824.0 * 0.023, within(1e-12));
            assertThat((double) row.get(10)).isCloseTo(stored / 1099511627776.0 * 5.0, within(1e-12));
        }
        assertThat(storedTotal).isEqualTo(lake.structuredBytes);
    }

    @Test
    @Order(16)
    void searchByTraceId() {
        Map<String, List<Doc>> byTrace = docs.stream().filter(d -> d.traceId() != null)
                .collect(Collectors.groupingBy(Doc::traceId));
        String traceId = LakeCorpus.TRACE_ID;
        List<Doc> expected = byTrace.get(traceId).stream()
                .sorted(Comparator.comparing((Doc d) -> d.ts()).thenComparing(Doc::eventId)).toList();
        assertThat(expected).hasSize(5);
        assertThat(expected).extracting(Doc::service).containsOnly("checkout", "payments", "inventory");
        assertThat(expected).extracting(Doc::dt).containsOnly("2024-03-21", "2024-03-22");
        assertThat(expected).extracting(Doc::level).contains("ERROR");
        List<List<Object>> actual = run("search_by_trace_id", lit(traceId), lit(fromDt), lit(toDt));
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            Doc d = expected.get(i);
            List<Object> row = actual.get(i);
            assertThat(instant(row.get(0))).isEqualTo(d.ts());
            assertThat(Arrays.asList(row.get(1), row.get(2), row.get(3), row.get(4), row.get(5), row.get(6),
                    row.get(7), row.get(8), row.get(9))).containsExactly(d.service(), d.environment(), d.level(),
                    d.eventId(), d.spanId(), d.host(), d.method(), d.path(), d.status());
            assertThat(row.get(10)).isEqualTo(d.durationNanos() == null ? null : d.durationNanos() / 1e6);
            assertThat(Arrays.asList(row.get(11), row.get(12))).containsExactly(d.errorType(), d.message());
        }
        assertThat(run("search_by_trace_id", lit("00000000000000000000000000000000"), lit(fromDt), lit(toDt)))
                .isEmpty();
        String otherDay = LocalDate.parse(expected.getFirst().dt()).minusDays(1).toString();
        assertThat(run("search_by_trace_id", lit(traceId), lit(otherDay), lit(otherDay))).as("dt bounds apply")
                .isEmpty();
    }

    @Test
    @Order(100)
    void everyViewAndNamedQueryRanUnchanged() {
        Set<String> all = new TreeSet<>();
        SqlFiles.views().forEach(f -> all.add("views/" + f.name()));
        SqlFiles.named().forEach(f -> all.add("named/" + f.name()));
        assertThat(executed).isEqualTo(all);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Validates (EXPLAIN (TYPE VALIDATE)) and runs a named query's file unchanged, with Athena-style parameters. */
    private List<List<Object>> run(String name, String... literals) {
        SqlFiles.SqlFile file = SqlFiles.named(name);
        assertThat(literals).as("parameters of %s", name).hasSize(file.params().size());
        long t0 = System.nanoTime();
        assertValid(trino.validatePrepared(file.statement(), List.of(literals)));
        MaterializedResult result = trino.executePrepared(file.statement(), List.of(literals));
        millis.merge(name + " " + String.join(",", literals).replaceAll("'", ""),
                (System.nanoTime() - t0) / 1_000_000, Long::sum);
        executed.add("named/" + name);
        return result.getMaterializedRows().stream().map(MaterializedRow::getFields).toList();
    }

    private Object scalar(String sql) {
        return trino.execute(sql).getOnlyValue();
    }

    private List<List<Object>> rows(String sql) {
        return trino.execute(sql).getMaterializedRows().stream().map(MaterializedRow::getFields).toList();
    }

    private static void assertValid(MaterializedResult explain) {
        assertThat(explain.getOnlyValue()).isEqualTo(true);
    }

    private List<Doc> inRange(String from, String to) {
        return docs.stream().filter(d -> d.dt().compareTo(from) >= 0 && d.dt().compareTo(to) <= 0).toList();
    }

    /** approx_percentile is close in rank: between the exact values a couple of percent of rank either side. */
    private static void assertApproxQuantile(String what, double actual, List<Double> sorted, double q) {
        int n = sorted.size();
        double rank = q * (n - 1);
        double slack = Math.max(1, 0.02 * n);
        int lo = (int) Math.max(0, Math.floor(rank - slack));
        int hi = (int) Math.min(n - 1, Math.ceil(rank + slack));
        assertThat(actual).as("%s of %d values", what, n).isBetween(sorted.get(lo) - EPS, sorted.get(hi) + EPS);
    }

    private static void assertNullableClose(Object actual, OptionalDouble expected) {
        if (expected.isEmpty()) {
            assertThat(actual).isNull();
        } else {
            assertThat((double) actual).isCloseTo(expected.getAsDouble(), within(1e-6));
        }
    }

    private static String lit(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static Instant instant(Object v) {
        return ((ZonedDateTime) v).toInstant();
    }

    private static Object json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Orders composite keys (strings, instants, nulls first) as the queries' ORDER BY does. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<List<Object>> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            Comparable x = (Comparable) a.get(i);
            Comparable y = (Comparable) b.get(i);
            int c = x == null ? (y == null ? 0 : 1) : y == null ? -1 : x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    private static void deleteTree(Path root) throws IOException {
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
