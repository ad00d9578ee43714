package io.logpipe.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.pipeline.InvocationReport;
import io.logpipe.sample.generate.SampleEvent;
import io.logpipe.testkit.fixtures.CloudWatchEvents;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The proof that the sample service and the processor agree: for every LOG_FORMAT, a few hundred events written
 * by the real generator are delivered as CloudWatch Logs subscription payloads, once as the raw stdout lines
 * (the awslogs driver) and once inside FireLens envelopes, through the real {@code LogProcessor}. Every event
 * comes out as one document with its level, service, user, trace, HTTP status and stack trace, and no session
 * token survives.
 */
class SampleLogsThroughProcessorTest {
    private static final String SERVICE = "checkout-api";
    private static final String LOG_GROUP = "/ecs/" + SERVICE;
    private static final long SEED = 20261122L;
    private static final int EVENTS = 800;
    private static final int MAX_LINES_PER_PAYLOAD = 150;
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    enum Delivery { RAW_LINES, FIRELENS_ENVELOPES }

    static Stream<Arguments> formatsAndDeliveries() {
        return Stream.of(OutputFormat.values())
                .flatMap(f -> Stream.of(Delivery.values()).map(d -> Arguments.of(f, d)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("formatsAndDeliveries")
    void should_index_every_event_with_its_fields_and_no_session_token_when_the_sample_output_is_processed(
            OutputFormat format, Delivery delivery) throws JsonProcessingException {
        SampleRun run = SampleRun.generate(format, LogLevel.DEBUG, SEED, EVENTS);
        List<List<String>> groups = run.linesPerEvent();
        ProcessorHarness processor = new ProcessorHarness();

        int linesDelivered = deliver(groups, run, delivery, processor);

        List<JsonNode> docs = processor.documents();
        int headerDocs = run.header() == null ? 0 : 1;
        assertThat(processor.deadLetters()).as("dead letters").isEmpty();
        assertThat(linesDelivered).isEqualTo(run.lines().size());
        assertThat(processor.reports()).allSatisfy(r -> assertThat(r.conserved()).as("conserved: %s", r).isTrue());
        assertThat(processor.reports().stream().mapToInt(InvocationReport::eventsIn).sum()).isEqualTo(linesDelivered);
        assertThat(processor.reports().stream().mapToInt(InvocationReport::eventsIndexed).sum()).isEqualTo(linesDelivered);
        assertThat(docs).hasSize(run.written().size() + headerDocs);

        if (headerDocs == 1) {
            assertThat(docs.getFirst().at("/tags").toString()).contains("csv_header");
            assertThat(docs.getFirst().at("/message").asText()).isEqualTo(run.header());
        }
        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < run.written().size(); i++) {
            assertDocument(softly, format, run.written().get(i), docs.get(i + headerDocs));
        }
        String output = processor.ndjson();
        for (SampleEvent e : run.written()) {
            if (e.sessionToken() != null) {
                softly.assertThat(output).as("session token in the output").doesNotContain(e.sessionToken());
            }
        }
        softly.assertAll();
        assertThat(run.written()).as("the sample exercises every path")
                .anyMatch(e -> e.stackTrace() != null)
                .anyMatch(e -> e.kind() == SampleEvent.Kind.ACCESS && e.http().status() >= 500)
                .anyMatch(e -> e.kind() == SampleEvent.Kind.ACCESS && e.http().status() == 404)
                .anyMatch(e -> e.level() == LogLevel.DEBUG)
                .filteredOn(e -> e.stackTrace() != null).hasSizeGreaterThanOrEqualTo(5);
    }

    private static void assertDocument(SoftAssertions softly, OutputFormat format, SampleEvent e, JsonNode doc) {
        String what = e.kind() + " " + e.action() + " " + e.message() + " -> " + doc;
        softly.assertThat(doc.at("/log/level").asText()).as(what).isEqualTo(expectedLevel(e.level()));
        softly.assertThat(doc.at("/service/name").asText()).as(what).isEqualTo(SERVICE);
        softly.assertThat(text(doc, "/user/id")).as(what).isEqualTo(e.userId());
        softly.assertThat(text(doc, "/trace/id")).as(what).isEqualTo(e.traceId());
        if (e.kind() == SampleEvent.Kind.ACCESS) {
            softly.assertThat(doc.at("/event/dataset").asText()).as(what).isEqualTo("http.access");
            softly.assertThat(doc.at("/http/response/status_code").asInt()).as(what).isEqualTo(e.http().status());
            softly.assertThat(doc.at("/http/request/method").asText()).as(what).isEqualTo(e.http().method());
            return;
        }
        softly.assertThat(doc.at("/event/dataset").asText()).as(what).isEqualTo(switch (format) {
            case JSON -> "json";
            case CSV -> "csv";
            case TEXT -> "python.logging";
        });
        softly.assertThat(doc.at("/@timestamp").asText()).as(what).isEqualTo(ISO_MILLIS.format(e.time()));
        softly.assertThat(doc.at("/message").asText()).as(what).startsWith(e.message());
        if (e.sessionToken() != null) {
            if (format == OutputFormat.TEXT) {
                softly.assertThat(doc.at("/message").asText()).as(what).contains("session_token=[REDACTED]");
            } else {
                softly.assertThat(doc.at("/attributes/session_token").asText()).as(what).isEqualTo("[REDACTED]");
            }
        }
        if (e.http() != null && format != OutputFormat.TEXT) {
            softly.assertThat(doc.at("/http/response/status_code").asInt()).as(what).isEqualTo(e.http().status());
            softly.assertThat(doc.at("/event/duration").asLong()).as(what).isEqualTo(e.http().durationMs() * 1_000_000);
        }
        if (e.stackTrace() != null) {
            softly.assertThat(doc.at("/error/stack_trace").asText()).as(what).isEqualTo(e.stackTrace());
            softly.assertThat(doc.at("/error/type").asText()).as(what)
                    .isEqualTo(e.stackTrace().substring(0, e.stackTrace().indexOf(':')));
        } else {
            softly.assertThat(doc.at("/error").isMissingNode()).as(what).isTrue();
        }
    }

    /** Lines to payloads of at most {@value #MAX_LINES_PER_PAYLOAD}, never splitting an event's lines. */
    private static int deliver(List<List<String>> groups, SampleRun run, Delivery delivery, ProcessorHarness processor)
            throws JsonProcessingException {
        int delivered = 0;
        CloudWatchEvents payload = null;
        int headerGroups = run.header() == null ? 0 : 1;
        for (int g = 0; g < groups.size(); g++) {
            List<String> lines = groups.get(g);
            if (payload == null || payload.eventCount() + lines.size() > MAX_LINES_PER_PAYLOAD) {
                if (payload != null) {
                    processor.cloudWatch(payload.toLambdaEvent());
                }
                payload = CloudWatchEvents.payload(LOG_GROUP, delivery == Delivery.RAW_LINES
                        ? "ecs/" + SERVICE + "/5f0c8a1e9b2d4c3f8e7a6b5c4d3e2f10"
                        : SERVICE + "-firelens-5f0c8a1e9b2d4c3f8e7a6b5c4d3e2f10");
            }
            long millis = (g < headerGroups ? SampleRun.START : run.written().get(g - headerGroups).time()).toEpochMilli();
            for (String line : lines) {
                payload.event(millis, delivery == Delivery.RAW_LINES ? line : fireLens(line));
                delivered++;
            }
        }
        processor.cloudWatch(payload.toLambdaEvent());
        return delivered;
    }

    /** What Fluent Bit's cloudwatch output sends for one stdout line of an ECS task. */
    private static String fireLens(String line) throws JsonProcessingException {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("container_id", "5f0c8a1e9b2d4c3f8e7a6b5c4d3e2f10-2531612879");
        envelope.put("container_name", SERVICE);
        envelope.put("ecs_cluster", "prod-apps");
        envelope.put("ecs_task_arn", "arn:aws:ecs:eu-west-1:123456789012:task/prod-apps/5f0c8a1e9b2d4c3f8e7a6b5c4d3e2f10");
        envelope.put("ecs_task_definition", SERVICE + ":7");
        envelope.put("log", line);
        envelope.put("source", "stdout");
        return ProcessorHarness.JSON.writeValueAsString(envelope);
    }

    private static String expectedLevel(LogLevel level) {
        return level == LogLevel.WARNING ? "WARN" : level.name();
    }

    private static String text(JsonNode doc, String pointer) {
        JsonNode node = doc.at(pointer);
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

}
