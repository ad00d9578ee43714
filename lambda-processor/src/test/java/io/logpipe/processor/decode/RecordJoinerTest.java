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
        assertThat(trace.at("/message").asText())
                .isEqualTo("java.util.concurrent.CompletionException: java.net.SocketTimeoutException: Read timed out");
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
    void should_keep_a_chained_python_traceback_in_one_document_when_it_arrived_line_by_line() {
        TestPipeline.Run run = pipeline.lines("/app/inventory/prod", "i-0f9e8d7c6b5a49382/inventory.log",
                Fixtures.lines("app/python-chained-traceback-split.txt"));

        assertThat(run.documents()).hasSize(2);
        JsonNode error = run.document(0);
        assertThat(error.at("/message").asText()).isEqualTo("Order 88240 could not be reserved");
        assertThat(error.at("/error/type").asText()).isEqualTo("inventory.errors.OutOfStockError");
        assertThat(error.at("/error/message").asText()).isEqualTo("A-1001");
        assertThat(error.at("/error/stack_trace").asText())
                .contains("KeyError: 'A-1001'\nDuring handling of the above exception, another exception occurred:\n"
                        + "Traceback (most recent call last):\n");
        assertThat(run.document(1).at("/message").asText()).isEqualTo("Order 88241 reserved");
        assertThat(run.report().eventsIndexed()).isEqualTo(13);
        assertThat(run.report().conserved()).isTrue();
    }

    @Test
    void should_join_frames_onto_an_uncaught_exception_line_when_the_jvm_printed_it() {
        TestPipeline.Run run = pipeline.lines("/app/orders/prod", "i-0a1b2c3d4e5f60718/orders.log",
                Fixtures.lines("app/java-uncaught-thread-exception.txt"));

        JsonNode doc = run.single();
        assertThat(doc.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(doc.at("/error/message").asText()).isEqualTo("Consumer is not subscribed to any topics");
        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(run.report().eventsIndexed()).isEqualTo(4);
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
        // The reassembled body is longer than one flat_object term may be, so it is cut at 8,192 chars; the
        // marker's count proves that every Docker piece was joined before the cut.
        assertThat(joined.at("/attributes/body").asText()).startsWith(body.substring(0, 8_192))
                .endsWith("…[truncated " + (body.length() - 8_192) + " chars]");
        assertThat(joined.at("/log/level").asText()).isEqualTo("DEBUG");
        assertThat(joined.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.200Z");
        assertThat(joined.at("/container/name").asText()).isEqualTo("orders");
        assertThat(joined.toString()).doesNotContain("partial_");
        assertThat(joined.at("/tags").toString()).isEqualTo("[\"truncated\"]");
        assertThat(run.report().eventsIn()).isEqualTo(5);
        assertThat(run.report().documents()).isEqualTo(3);
        assertThat(run.report().eventsIndexed()).isEqualTo(5);
        assertThat(run.report().conserved()).isTrue();
    }

    @Test
    void should_count_every_partial_when_a_reassembled_exception_header_joins_a_trace() {
        TestPipeline.Run run = pipeline.cloudWatch(Fixtures.cloudWatchEvent("firelens/partial-exception-header.json"));

        assertThat(run.documents()).hasSize(2);
        JsonNode error = run.document(0);
        assertThat(error.at("/message").asText()).isEqualTo("Request body rejected");
        assertThat(error.at("/error/type").asText())
                .isEqualTo("com.fasterxml.jackson.databind.exc.MismatchedInputException");
        assertThat(error.at("/error/stack_trace").asText())
                .endsWith("\tat com.acme.orders.web.OrderController.create(OrderController.java:52)");
        assertThat(run.events().getFirst().raw.joinedLines()).isEqualTo(5);
        assertThat(run.report().eventsIn()).isEqualTo(6);
        assertThat(run.report().eventsIndexed()).isEqualTo(6);
        assertThat(run.report().conserved()).isTrue();
    }

    @Test
    void should_keep_the_pieces_it_has_when_the_last_partial_is_not_in_the_batch() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode payload = (com.fasterxml.jackson.databind.node.ObjectNode)
                TestPipeline.JSON.readTree(Fixtures.text("firelens/docker-partials.json"));
        ((com.fasterxml.jackson.databind.node.ArrayNode) payload.get("logEvents")).remove(3);   // the last piece
        ((com.fasterxml.jackson.databind.node.ArrayNode) payload.get("logEvents")).remove(3);   // and what followed
        String event = io.logpipe.testkit.fixtures.CloudWatchEvents.lambdaEventFromRawPayload(
                TestPipeline.JSON.writeValueAsBytes(payload));

        TestPipeline.Run run = TestPipeline.withEnv(Map.of("LOGPIPE_MAX_MESSAGE_CHARS", "65536")).cloudWatch(event);

        assertThat(run.documents()).hasSize(2);
        assertThat(run.document(1).at("/message").asText())
                .isEqualTo(Fixtures.text("firelens/docker-partials.expected-log.txt").substring(0, 2 * 16384));
        assertThat(run.report().eventsIn()).isEqualTo(3);
        assertThat(run.report().eventsIndexed()).isEqualTo(3);
        assertThat(run.report().conserved()).isTrue();
    }

    @Test
    void should_split_into_bounded_documents_without_losing_lines_when_a_trace_exceeds_the_join_limit() {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("2024-03-12 10:15:32,118 ERROR [http-nio-8080-exec-7] com.acme.orders.web.OrderController - Request failed");
        lines.add("java.lang.StackOverflowError: null");
        for (int i = 0; i < 1024; i++) {
            lines.add("\tat com.acme.orders.pricing.DiscountRules.apply(DiscountRules.java:" + (100 + i % 7) + ")");
        }
        lines.add("2024-03-12 10:15:32,140 INFO  [http-nio-8080-exec-8] com.acme.orders.web.OrderController - GET /health 200");

        TestPipeline.Run run = pipeline.lines("/app/orders/prod", "i-0a1b2c3d4e5f60718/orders.log", lines);

        assertThat(run.documents().size()).isBetween(3, 5);
        assertThat(run.events()).allSatisfy(e -> assertThat(e.raw.message().length()).isLessThanOrEqualTo(65_536));
        assertThat(run.document(0).at("/error/type").asText()).isEqualTo("java.lang.StackOverflowError");
        assertThat(run.documents().getLast().at("/message").asText()).isEqualTo("GET /health 200");
        assertThat(run.report().eventsIndexed()).isEqualTo(1027);
        assertThat(run.report().conserved()).isTrue();
        assertThat(run.deadLetters()).isEmpty();
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
