package io.logpipe.processor.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Multi-line joining, end to end: split stack traces and Docker partials become one document each. */
class RecordJoinerTest {
    private final TestPipeline pipeline = new TestPipeline();

    @Test
    void should_join_java_frames_onto_their_head_event_when_the_agent_shipped_one_event_per_line() {
        List<String> lines = Fixtures.lines("app/java-stacktrace-split.txt");

        TestPipeline.Run run = pipeline.lines("/app/orders/prod", "i-0a1b2c3d4e5f60718/orders.log", lines);

        assertThat(run.documents()).hasSize(3);
        JsonNode error = run.document(1);
        assertThat(error.at("/message").asText()).isEqualTo("Order 88231 could not be closed");
        assertThat(error.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(error.at("/log/logger").asText()).isEqualTo("com.acme.orders.service.OrderService");
        assertThat(error.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.at("/error/message").asText()).isEqualTo("Order 88231 is already closed");
        assertThat(error.at("/error/stack_trace").asText()).isEqualTo(String.join("\n", lines.subList(2, 11)));
        assertThat(error.at("/event/id").asText()).isEqualTo(run.events().get(1).raw.id());
        assertThat(run.events().get(1).raw.joinedLines()).isEqualTo(10);
        assertThat(run.document(2).at("/message").asText()).isEqualTo("GET /api/v1/orders/88231 200");
        assertThat(run.report().eventsIn()).isEqualTo(12);
        assertThat(run.report().documents()).isEqualTo(3);
        assertThat(run.report().eventsIndexed()).isEqualTo(12);
        assertThat(run.report().joined()).isEqualTo(9);
        assertThat(run.report().conserved()).isTrue();
        assertThat(run.deadLetters()).isEmpty();
    }

    @Test
    void should_keep_the_first_events_id_and_time_when_a_trace_is_joined() {
        TestPipeline.Run run = pipeline.lines("/app/orders/prod", "i-0a1b2c3d4e5f60718/orders.log",
                Fixtures.lines("app/java-stacktrace-split.txt"));

        assertThat(run.document(1).at("/event/created").asText()).isEqualTo("2024-03-12T10:15:32.001Z");
        assertThat(run.document(1).at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.118Z");
    }

    @Test
    void should_join_frames_onto_an_exception_header_when_the_header_is_its_own_event() {
        TestPipeline.Run run = pipeline.lines("/app/payments/prod", "i-0a1b2c3d4e5f60718/payments.log",
                Fixtures.lines("app/java-exception-header-split.txt"));

        assertThat(run.documents()).hasSize(2);
        JsonNode trace = run.document(0);
        assertThat(trace.at("/error/type").asText()).isEqualTo("java.util.concurrent.CompletionException");
        assertThat(trace.at("/error/message").asText()).isEqualTo("java.net.SocketTimeoutException: Read timed out");
        assertThat(trace.at("/error/stack_trace").asText())
                .startsWith("java.util.concurrent.CompletionException: java.net.SocketTimeoutException: Read timed out\n\tat ")
                .endsWith("ProviderClient.java:118)");
        assertThat(trace.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(run.document(1).at("/log/level").asText()).isEqualTo("WARN");
        assertThat(run.report().eventsIndexed()).isEqualTo(5);
        assertThat(run.report().conserved()).isTrue();
    }

    @Test
    void should_join_a_python_traceback_onto_the_logging_line_when_it_arrived_line_by_line() {
        TestPipeline.Run run = pipeline.lines("/app/payments/prod", "i-0f9e8d7c6b5a49382/payments.log",
                Fixtures.lines("app/python-traceback-split.txt"));

        assertThat(run.documents()).hasSize(3);
        JsonNode error = run.document(1);
        assertThat(error.at("/message").asText()).isEqualTo("Unhandled exception while charging order 88232");
        assertThat(error.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(error.at("/error/type").asText()).isEqualTo("ValueError");
        assertThat(error.at("/error/message").asText()).isEqualTo("invalid literal for int() with base 10: 'abc'");
        assertThat(error.at("/error/stack_trace").asText())
                .startsWith("Traceback (most recent call last):\n  File \"/app/payments/handlers.py\", line 57, in create_order\n")
                .contains("\n    self.table.put_item(Item=item)\n")
                .endsWith("ValueError: invalid literal for int() with base 10: 'abc'");
        assertThat(run.document(2).at("/message").asText()).isEqualTo("Retrying order 88232");
        assertThat(run.report().eventsIn()).isEqualTo(9);
        assertThat(run.report().eventsIndexed()).isEqualTo(9);
        assertThat(run.report().conserved()).isTrue();
    }

    @Test
    void should_join_envelope_logs_into_the_head_envelope_when_firelens_split_a_trace() {
        TestPipeline.Run run = pipeline.cloudWatch(Fixtures.cloudWatchEvent("firelens/java-stacktrace-envelopes.json"));

        assertThat(run.documents()).hasSize(2);
        JsonNode error = run.document(0);
        assertThat(error.at("/message").asText()).isEqualTo("Order 88231 could not be closed");
        assertThat(error.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.at("/error/message").asText()).isEqualTo("Order 88231 is already closed");
        assertThat(error.at("/error/stack_trace").asText())
                .startsWith("java.lang.IllegalStateException: Order 88231 is already closed\n\tat com.acme.orders")
                .contains("\nCaused by: java.io.IOException: Broken pipe\n")
                .endsWith("\n\t... 38 more");
        assertThat(error.at("/container/name").asText()).isEqualTo("orders");
        assertThat(error.at("/aws/ecs/cluster").asText()).isEqualTo("prod-apps");
        assertThat(error.at("/log/iostream").asText()).isEqualTo("stdout");
        assertThat(error.at("/attributes").isMissingNode() || !error.at("/attributes").has("log")).isTrue();
        assertThat(run.document(1).at("/message").asText()).isEqualTo("GET /api/v1/orders/88231 200");
        assertThat(run.report().eventsIn()).isEqualTo(8);
        assertThat(run.report().eventsIndexed()).isEqualTo(8);
        assertThat(run.report().conserved()).isTrue();
    }

    @Test
    void should_reassemble_docker_partial_messages_into_one_document_when_a_line_exceeded_16_kib() {
        TestPipeline large = TestPipeline.withEnv(Map.of("LOGPIPE_MAX_MESSAGE_CHARS", "65536"));

        TestPipeline.Run run = large.cloudWatch(Fixtures.cloudWatchEvent("firelens/docker-partials.json"));

        assertThat(run.documents()).extracting(d -> d.at("/message").asText()).containsExactly(
                "received order payload", "request body for /api/v1/orders", "order payload stored");
        JsonNode joined = run.document(1);
        String expectedLine = Fixtures.text("firelens/docker-partials.expected-log.txt");
        String body = expectedLine.substring(expectedLine.indexOf("\"body\":\"") + 8, expectedLine.length() - 2);
        assertThat(joined.at("/attributes/body").asText()).isEqualTo(body);
        assertThat(joined.at("/log/level").asText()).isEqualTo("DEBUG");
        assertThat(joined.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.200Z");
        assertThat(joined.at("/container/name").asText()).isEqualTo("orders");
        assertThat(joined.toString()).doesNotContain("partial_");
        assertThat(joined.has("tags")).isFalse();
        assertThat(run.report().eventsIn()).isEqualTo(5);
        assertThat(run.report().documents()).isEqualTo(3);
        assertThat(run.report().eventsIndexed()).isEqualTo(5);
        assertThat(run.report().conserved()).isTrue();
    }

    @Test
    void should_still_index_an_orphan_continuation_when_it_starts_the_batch() {
        TestPipeline.Run run = pipeline.lines("/app/orders/prod", "i-0a1b2c3d4e5f60718/orders.log",
                Fixtures.lines("app/orphan-continuation.txt"));

        assertThat(run.documents()).hasSize(2);
        assertThat(run.document(0).at("/message").asText())
                .startsWith("\tat com.acme.orders.service.OrderService.close(OrderService.java:214)")
                .endsWith("\t... 41 more");
        assertThat(run.document(1).at("/message").asText()).isEqualTo("GET /api/v1/orders/88231 200");
        assertThat(run.deadLetters()).isEmpty();
        assertThat(run.report().eventsIndexed()).isEqualTo(4);
        assertThat(run.report().conserved()).isTrue();
    }

    @Test
    void should_not_join_a_line_that_merely_names_an_exception_when_no_frames_follow() {
        TestPipeline.Run run = pipeline.lines("/app/orders/prod",
                "2024-03-12 10:15:32,101 WARN  [main] c.a.orders.Retry - Retrying after failure",
                "IllegalStateException: order locked",
                "2024-03-12 10:15:32,140 INFO  [main] c.a.orders.Retry - Done");

        assertThat(run.documents()).hasSize(3);
        assertThat(run.report().joined()).isZero();
    }
}
