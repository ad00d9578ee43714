package io.logpipe.processor.parse.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import org.junit.jupiter.api.Test;

/** The Node.js and Python runtimes' tab-separated application lines. */
class LambdaTextParserTest {
    private final TestPipeline pipeline = new TestPipeline();

    @Test
    void should_read_time_request_id_and_level_when_the_node_runtime_wrote_the_line() {
        JsonNode doc = pipeline.cloudWatch(Fixtures.cloudWatchEvent("lambda/node-invocation.json")).document(2);

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("lambda.text");
        assertThat(doc.at("/message").asText()).isEqualTo("Processing order 88231 for customer 42");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.210Z");
        assertThat(doc.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(doc.at("/aws/lambda/request_id").asText()).isEqualTo("6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
        assertThat(doc.at("/aws/lambda").has("platform_event")).isFalse();
    }

    @Test
    void should_parse_a_json_body_when_a_node_function_logs_an_object() {
        JsonNode doc = pipeline.cloudWatch(Fixtures.cloudWatchEvent("lambda/node-invocation.json")).document(3);

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("lambda.text");
        assertThat(doc.at("/message").asText()).isEqualTo("Slow query detected");
        assertThat(doc.at("/log/level").asText()).isEqualTo("WARN");
        assertThat(doc.at("/attributes/durationMs").asInt()).isEqualTo(812);
        assertThat(doc.at("/attributes/table").asText()).isEqualTo("orders");
        assertThat(doc.at("/aws/lambda/request_id").asText()).isEqualTo("6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    }

    @Test
    void should_keep_the_invoke_error_text_at_error_level_when_the_handler_threw() {
        JsonNode doc = pipeline.cloudWatch(Fixtures.cloudWatchEvent("lambda/node-invocation.json")).document(4);

        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/message").asText()).startsWith("Invoke Error \t{\"errorType\":\"TypeError\"");
    }

    @Test
    void should_read_the_bracketed_level_when_the_python_runtime_wrote_the_line() {
        TestPipeline.Run run = pipeline.cloudWatch(Fixtures.cloudWatchEvent("lambda/python-invocation.json"));
        JsonNode info = run.document(1);

        assertThat(info.at("/event/dataset").asText()).isEqualTo("lambda.text");
        assertThat(info.at("/message").asText()).isEqualTo("Found credentials in environment variables.");
        assertThat(info.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(info.at("/aws/lambda/request_id").asText()).isEqualTo("c5d6e7f8-a9b0-4c1d-8e2f-3a4b5c6d7e8f");
        assertThat(info.at("/service/name").asText()).isEqualTo("checkout");
        assertThat(info.at("/service/environment").asText()).isEqualTo("dev");
    }

    @Test
    void should_parse_a_json_body_when_a_python_function_logs_json() {
        JsonNode doc = pipeline.cloudWatch(Fixtures.cloudWatchEvent("lambda/python-invocation.json")).document(2);

        assertThat(doc.at("/message").asText()).isEqualTo("Retrying downstream call");
        assertThat(doc.at("/log/level").asText()).isEqualTo("WARN");
        assertThat(doc.at("/attributes/orderId").asInt()).isEqualTo(88231);
        assertThat(doc.at("/attributes/attempt").asInt()).isEqualTo(2);
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.260Z");
    }

    @Test
    void should_extract_the_traceback_when_a_python_function_logged_an_exception() {
        JsonNode doc = pipeline.cloudWatch(Fixtures.cloudWatchEvent("lambda/python-invocation.json")).document(3);

        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/message").asText()).isEqualTo("Unhandled exception for order 88231");
        assertThat(doc.at("/error/type").asText()).isEqualTo("TypeError");
        assertThat(doc.at("/error/message").asText())
                .isEqualTo("the JSON object must be str, bytes or bytearray, not NoneType");
        assertThat(doc.at("/error/stack_trace").asText()).startsWith("Traceback (most recent call last):\n  File \"/var/task/app.py\"");
    }

    @Test
    void should_not_claim_a_tab_line_when_the_request_id_is_not_a_uuid() {
        JsonNode doc = pipeline.line("2024-03-12T10:15:32.210Z\tworker-3\tINFO\tpolling queue").single();

        assertThat(doc.at("/event/dataset").asText()).isNotEqualTo("lambda.text");
        assertThat(doc.has("aws") && doc.at("/aws").has("lambda")).isFalse();
    }
}
