package io.logpipe.cli.load;

import io.logpipe.ingest.IngestConfig;
import io.logpipe.ingest.IngestMain.IngestApi;
import io.logpipe.testkit.kafka.KafkaBroker;
import io.logpipe.testkit.kafka.KafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingestion benchmark for docs/BENCHMARKS.md, off by default:
 * {@code ./mvnw -pl cli -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=IngestBenchIT
 * -Dlogpipe.ingest.bench=true}. One JVM holds the broker (6 partitions), the API and the load simulator: 10,000
 * events to {@code /register_event} at concurrency 200, first on a cold JVM, then five more times warm, then
 * once as NDJSON batches of 100. Prints a Markdown table (also written to target/ingest-bench.md) with the load
 * average at each run. Asserts only that every event was accepted; the figures are for the document.
 */
@ExtendWith(KafkaExtension.class)
@EnabledIfSystemProperty(named = "logpipe.ingest.bench", matches = "true")
class IngestBenchIT {
    private static final int EVENTS = 10_000;
    private static final int CONCURRENCY = 200;
    private static final int WARM_RUNS = 5;

    @Test
    void should_accept_10000_events_at_concurrency_200(KafkaBroker kafka) throws Exception {
        kafka.createTopic("ingest-bench", 6);
        List<String> rows = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        try (IngestApi api = IngestApi.start(IngestConfig.defaults().withPort(0)
                .withBootstrapServers(kafka.bootstrapServers()).withTopic("ingest-bench"), "127.0.0.1")) {
            URI url = URI.create("http://127.0.0.1:" + api.port());
            for (int run = 0; run < WARM_RUNS + 2; run++) {
                boolean batches = run == WARM_RUNS + 1;
                LoadOptions options = new LoadOptions(url,
                        batches ? LoadOptions.Endpoint.V1_LOGS : LoadOptions.Endpoint.REGISTER_EVENT, EVENTS,
                        CONCURRENCY, batches ? 100 : 1, Duration.ofMinutes(2), Duration.ofSeconds(60));
                String before = loadAverage();
                LoadReport r = new LoadSimulator(options).run();
                assertThat(r.allAccepted()).as(r.toText()).isTrue();
                System.out.println(r.toText());
                if (run > 0 && !batches) {
                    warm.add(r.elapsedSeconds());
                }
                rows.add(String.format(Locale.ROOT, "| %s | %s | %,d | %.2f s | %,.0f | %.1f / %.1f / %.1f / %.1f | %s | %s |",
                        run == 0 ? "cold JVM" : batches ? "warm" : "warm #" + run,
                        batches ? "`v1/logs` NDJSON × 100" : "`register_event`", r.eventsAccepted(), r.elapsedSeconds(),
                        r.eventsPerSecond(), r.p50Ms(), r.p95Ms(), r.p99Ms(), r.maxMs(),
                        r.eventsNotAccepted().isEmpty() ? "0" : r.eventsNotAccepted().toString(), before));
            }
        }
        String table = "| Run | Endpoint | Accepted | Accepted in | Events/s | Latency p50 / p95 / p99 / max (ms) | Errors | Load average (1/5/15 min) |\n"
                + "|---|---|---|---|---|---|---|---|\n" + String.join("\n", rows) + "\n";
        List<Double> sorted = warm.stream().sorted().toList();
        table += String.format(Locale.ROOT, "%nWarm register_event runs: median %.2f s, best %.2f s, worst %.2f s.%n",
                sorted.get(sorted.size() / 2), sorted.getFirst(), sorted.getLast());
        System.out.println(table);
        Files.writeString(Path.of("target", "ingest-bench.md"), table);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
