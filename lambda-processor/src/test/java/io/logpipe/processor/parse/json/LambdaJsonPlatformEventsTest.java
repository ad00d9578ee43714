package io.logpipe.processor.parse.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lambda's JSON log format (LoggingConfig.LogFormat = JSON): app records and platform.* records. */
class LambdaJsonPlatformEventsTest {
    private static final String REQUEST = "7e8f9a0b-1c2d-4e3f-8a5b-6c7d8e9f0a1b";
    private static TestPipeline.Run run;

    @BeforeAll
    static void runFixture() {
        run = new TestPipeline().cloudWatch(Fixtures.cloudWatchEvent("lambda/json-format-invocation.json"));
    }

    @Test
    void should_record_the_platform_event_when_the_record_is_platform_init_start() {
        JsonNode doc = run.document(0);

        assertThat(doc.at("/aws/lambda/platform_event").asText()).isEqualTo("init_start");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.100Z");
        assertThat(doc.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(doc.at("/attributes").has("type")).isFalse();
        assertThat(doc.at("/attributes").has("record")).isFalse();
    }

    @Test
    void should_read_the_request_id_when_the_record_is_platform_start() {
        JsonNode doc = run.document(1);

        assertThat(doc.at("/aws/lambda/platform_event").asText()).isEqualTo("start");
        assertThat(doc.at("/aws/lambda/request_id").asText()).isEqualTo(REQUEST);
        assertThat(doc.at("/message").asText()).isEqualTo("platform.start " + REQUEST);
    }

    @Test
    void should_map_the_app_record_with_its_request_id_when_the_function_logs_through_the_runtime() {
        JsonNode info = run.document(2);
        JsonNode error = run.document(3);

        assertThat(info.at("/message").asText()).isEqualTo("Inventory reserved for order 88231");
        assertThat(info.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(info.at("/log/logger").asText()).isEqualTo("root");
        assertThat(info.at("/aws/lambda/request_id").asText()).isEqualTo(REQUEST);
        assertThat(info.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.551Z");
        assertThat(info.at("/attributes").has("requestId")).isFalse();
        assertThat(error.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(error.at("/log/logger").asText()).isEqualTo("inventory.handler");
    }

    @Test
    void should_read_every_metric_when_the_record_is_platform_report() {
        JsonNode doc = run.document(5);
        JsonNode lambda = doc.at("/aws/lambda");

        assertThat(lambda.at("/platform_event").asText()).isEqualTo("report");
        assertThat(lambda.at("/request_id").asText()).isEqualTo(REQUEST);
        assertThat(lambda.at("/status").asText()).isEqualTo("success");
        assertThat(lambda.at("/duration_ms").asDouble()).isEqualTo(62.51);
        assertThat(lambda.at("/billed_duration_ms").asDouble()).isEqualTo(63);
        assertThat(lambda.at("/memory_size_mb").asLong()).isEqualTo(512);
        assertThat(lambda.at("/max_memory_used_mb").asLong()).isEqualTo(96);
        assertThat(lambda.at("/init_duration_ms").asDouble()).isEqualTo(420.5);
        assertThat(doc.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.604Z");
    }

    @Test
    void should_log_a_timed_out_report_at_error_when_its_status_is_timeout() {
        JsonNode doc = run.document(6);

        assertThat(doc.at("/aws/lambda/status").asText()).isEqualTo("timeout");
        assertThat(doc.at("/aws/lambda/duration_ms").asDouble()).isEqualTo(6000.0);
        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
    }

    @Test
    void should_name_service_and_function_from_the_log_group_when_the_function_is_inventory_prod_api() {
        assertThat(run.documents()).allSatisfy(doc -> {
            assertThat(doc.at("/faas/name").asText()).isEqualTo("inventory-prod-api");
            assertThat(doc.at("/service/name").asText()).isEqualTo("inventory");
            assertThat(doc.at("/service/environment").asText()).isEqualTo("prod");
        });
    }
}
