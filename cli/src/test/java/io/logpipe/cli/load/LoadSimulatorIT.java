package io.logpipe.cli.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpipe.cli.LogpipeCli;
import io.logpipe.ingest.IngestConfig;
import io.logpipe.ingest.IngestMain.IngestApi;
import io.logpipe.testkit.kafka.KafkaBroker;
import io.logpipe.testkit.kafka.KafkaExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The load simulator against the real ingestion API on the in-process broker: small numbers, exact counts. */
@ExtendWith(KafkaExtension.class)
class LoadSimulatorIT {
    private static IngestApi api;
    private static URI base;

    @BeforeAll
    static void start(KafkaBroker kafka) throws Exception {
        kafka.createTopic("load-sim-it", 2);
        api = IngestApi.start(IngestConfig.defaults().withPort(0).withBootstrapServers(kafka.bootstrapServers())
                .withTopic("load-sim-it").withLimits(64 << 10, 4 << 10, 50, 8), "127.0.0.1");
        base = URI.create("http://127.0.0.1:" + api.port());
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static LoadOptions options(LoadOptions.Endpoint endpoint, int events, int concurrency, int batch) {
        return new LoadOptions(base, endpoint, events, concurrency, batch, Duration.ofMinutes(2), Duration.ofSeconds(30));
    }

    @Test
    void should_report_every_event_accepted_when_posting_single_events() throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        LoadReport report = new LoadSimulator(options(LoadOptions.Endpoint.REGISTER_EVENT, 300, 20, 1), ids::add).run();

        assertThat(report.allAccepted()).as(report.toText()).isTrue();
        assertThat(report.eventsSent()).isEqualTo(300);
        assertThat(report.eventsAccepted()).isEqualTo(300);
        assertThat(report.requests()).isEqualTo(300);
        assertThat(report.requestsByStatus()).isEqualTo(Map.of("202", 300L));
        assertThat(report.eventsNotAccepted()).isEmpty();
        assertThat(ids).hasSize(300);
        assertThat(report.p50Ms()).isPositive().isLessThanOrEqualTo(report.p95Ms());
        assertThat(report.p95Ms()).isLessThanOrEqualTo(report.p99Ms());
        assertThat(report.p99Ms()).isLessThanOrEqualTo(report.maxMs());
        assertThat(report.eventsPerSecond()).isPositive();
    }

    @Test
    void should_count_batches_and_the_partial_last_one_when_posting_ndjson() throws Exception {
        LoadReport report = new LoadSimulator(options(LoadOptions.Endpoint.V1_LOGS, 1_005, 8, 25)).run();

        assertThat(report.allAccepted()).as(report.toText()).isTrue();
        assertThat(report.requests()).isEqualTo(41);                    // 40 of 25 events, then one of 5
        assertThat(report.requestsByStatus()).isEqualTo(Map.of("202", 41L));
        assertThat(report.eventsAccepted()).isEqualTo(1_005);
    }

    @Test
    void should_count_rejected_events_by_status_and_exit_non_zero_when_the_api_refuses_them() throws Exception {
        // Batches of 60 events exceed the API's MAX_BATCH_EVENTS (50): every request is answered 413.
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new LogpipeCli());
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute("load", "--url", base.toString(), "--endpoint", "v1/logs", "--events", "120",
                "--concurrency", "4", "--batch-size", "60", "--json");

        assertThat(exit).isEqualTo(LogpipeCli.EXIT_FAILURE);
        var json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("events_requested").asInt()).isEqualTo(120);
        assertThat(json.path("events_accepted").asInt()).isZero();
        assertThat(json.path("all_accepted").asBoolean()).isFalse();
        assertThat(json.at("/requests_by_status/413").asInt()).isEqualTo(2);
        assertThat(json.at("/events_not_accepted/413").asInt()).isEqualTo(120);
    }

    @Test
    void should_print_a_text_report_and_exit_zero_when_every_event_is_accepted() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new LogpipeCli());
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute("load", "--url", base.toString(), "--events", "50", "--concurrency", "5");

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("50 requested, 50 sent, 50 accepted").contains("p99").contains("errors       none");
    }

    @Test
    void should_count_unreachable_api_as_io_errors() throws Exception {
        int closedPort = io.logpipe.testkit.servers.FreePorts.pick();
        LoadReport report = new LoadSimulator(new LoadOptions(URI.create("http://127.0.0.1:" + closedPort),
                LoadOptions.Endpoint.REGISTER_EVENT, 10, 2, 1, Duration.ofMinutes(1), Duration.ofSeconds(5))).run();

        assertThat(report.allAccepted()).isFalse();
        assertThat(report.requestsByStatus()).isEqualTo(Map.of("io_error", 10L));
        assertThat(report.eventsNotAccepted()).isEqualTo(Map.of("io_error", 10L));
    }
}
