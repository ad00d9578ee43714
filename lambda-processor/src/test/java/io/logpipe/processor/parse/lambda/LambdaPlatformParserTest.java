package io.logpipe.processor.parse.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lambda platform lines in the text log format. */
class LambdaPlatformParserTest {
    private static final String REQUEST = "6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private static final String TIMED_OUT = "0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e";
    private static TestPipeline.Run node;
    private static TestPipeline.Run timeout;

    @BeforeAll
    static void runFixtures() {
        TestPipeline pipeline = new TestPipeline();
        node = pipeline.cloudWatch(Fixtures.cloudWatchEvent("lambda/node-invocation.json"));
        timeout = pipeline.cloudWatch(Fixtures.cloudWatchEvent("lambda/timeout-invocation.json"));
    }

    @Test
    void should_record_the_init_start_event_when_a_cold_start_begins() {
        JsonNode doc = node.document(0);

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("lambda.platform");
        assertThat(doc.at("/aws/lambda/platform_event").asText()).isEqualTo("init_start");
        assertThat(doc.at("/aws/lambda").has("request_id")).isFalse();
        assertThat(doc.at("/log/level").asText()).isEqualTo("INFO");
    }

    @Test
    void should_read_the_request_id_when_the_line_is_start_or_end() {
        JsonNode start = node.document(1);
        JsonNode end = node.document(5);

        assertThat(start.at("/aws/lambda/platform_event").asText()).isEqualTo("start");
        assertThat(start.at("/aws/lambda/request_id").asText()).isEqualTo(REQUEST);
        assertThat(start.at("/message").asText()).isEqualTo("START RequestId: " + REQUEST + " Version: $LATEST");
        assertThat(end.at("/aws/lambda/platform_event").asText()).isEqualTo("end");
        assertThat(end.at("/aws/lambda/request_id").asText()).isEqualTo(REQUEST);
    }

    @Test
    void should_keep_platform_lines_at_info_when_their_words_look_like_levels() {
        // an alias or a function version can be any word; the platform's lines carry no level of their own
        List<JsonNode> docs = new TestPipeline().lines("/aws/lambda/orders-prod-handler",
                "START RequestId: " + REQUEST + " Version: ERROR",
                "END RequestId: " + REQUEST,
                "EXTENSION\tName: WARN-shipper\tState: Ready\tEvents: [INVOKE, SHUTDOWN]").documents();

        assertThat(docs).extracting(d -> d.at("/aws/lambda/platform_event").asText())
                .containsExactly("start", "end", "extension");
        assertThat(docs).extracting(d -> d.at("/log/level").asText()).containsOnly("INFO");
    }

    @Test
    void should_read_every_metric_and_the_xray_trace_when_the_line_is_a_report() {
        JsonNode report = node.document(6);
        JsonNode lambda = report.at("/aws/lambda");

        assertThat(lambda.at("/platform_event").asText()).isEqualTo("report");
        assertThat(lambda.at("/request_id").asText()).isEqualTo(REQUEST);
        assertThat(lambda.at("/duration_ms").asDouble()).isEqualTo(122.63);
        assertThat(lambda.at("/billed_duration_ms").asDouble()).isEqualTo(123);
        assertThat(lambda.at("/memory_size_mb").isIntegralNumber()).isTrue();
        assertThat(lambda.at("/memory_size_mb").asLong()).isEqualTo(256);
        assertThat(lambda.at("/max_memory_used_mb").asLong()).isEqualTo(87);
        assertThat(lambda.at("/init_duration_ms").asDouble()).isEqualTo(312.45);
        assertThat(lambda.at("/status").asText()).isEqualTo("success");
        assertThat(report.at("/trace/id").asText()).isEqualTo("1-65f02c44-0b6a1c2d3e4f5a6b7c8d9e0f");
        assertThat(report.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(report.at("/faas/name").asText()).isEqualTo("orders-prod-handler");
    }

    @Test
    void should_mark_the_report_as_error_when_the_invocation_timed_out() {
        JsonNode report = timeout.document(4);

        assertThat(report.at("/aws/lambda/status").asText()).isEqualTo("timeout");
        assertThat(report.at("/aws/lambda/duration_ms").asDouble()).isEqualTo(3000.0);
        assertThat(report.at("/aws/lambda/max_memory_used_mb").asLong()).isEqualTo(128);
        assertThat(report.at("/aws/lambda").has("init_duration_ms")).isFalse();
        assertThat(report.at("/log/level").asText()).isEqualTo("ERROR");
    }

    @Test
    void should_flag_the_runtime_error_line_as_a_timeout_when_the_task_timed_out() {
        JsonNode doc = timeout.document(2);

        assertThat(doc.at("/aws/lambda/platform_event").asText()).isEqualTo("error");
        assertThat(doc.at("/aws/lambda/request_id").asText()).isEqualTo(TIMED_OUT);
        assertThat(doc.at("/aws/lambda/status").asText()).isEqualTo("timeout");
        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/message").asText()).isEqualTo("RequestId: " + TIMED_OUT + " Error: Task timed out after 3.00 seconds");
    }

    @Test
    void should_report_a_timeout_as_error_when_lambda_writes_the_timestamped_timeout_line() {
        JsonNode doc = timeout.document(1);

        assertThat(doc.at("/message").asText()).contains("Task timed out after 3.00 seconds");
        assertThat(doc.at("/aws/lambda/request_id").asText()).isEqualTo(TIMED_OUT);
        assertThat(doc.at("/aws/lambda/status").asText()).isEqualTo("timeout");
        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:35.114Z");
    }

    @Test
    void should_split_function_name_into_service_and_environment_when_the_log_group_is_a_lambda_group() {
        assertThat(timeout.documents()).allSatisfy(doc -> {
            assertThat(doc.at("/faas/name").asText()).isEqualTo("payments-staging-worker");
            assertThat(doc.at("/service/name").asText()).isEqualTo("payments");
            assertThat(doc.at("/service/environment").asText()).isEqualTo("staging");
        });
    }
}
