package io.logpipe.processor.parse.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Envoy's default access log, as the Service Connect / App Mesh sidecar writes it. */
class EnvoyAccessLogParserTest {
    private static TestPipeline.Run run;

    @BeforeAll
    static void runFixture() {
        run = new TestPipeline().lines("/ecs/orders", "ecs-service-connect-orders/3f2a9c",
                Fixtures.lines("nginx/envoy-access.txt"));
    }

    @Test
    void should_read_request_response_timings_and_headers_when_the_line_is_envoy_default_format() {
        JsonNode doc = run.document(0);

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("http.access");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.481Z");
        assertThat(doc.at("/http/request/method").asText()).isEqualTo("GET");
        assertThat(doc.at("/url/path").asText()).isEqualTo("/api/v1/orders/42");
        assertThat(doc.at("/url/query").asText()).isEqualTo("expand=items");
        assertThat(doc.at("/http/version").asText()).isEqualTo("1.1");
        assertThat(doc.at("/http/response/status_code").asInt()).isEqualTo(200);
        assertThat(doc.at("/http/response/body/bytes").asLong()).isEqualTo(5123);
        assertThat(doc.at("/event/duration").asLong()).isEqualTo(18_000_000L);
        assertThat(doc.at("/source/ip").asText()).isEqualTo("203.0.113.42");
        assertThat(doc.at("/user_agent/original").asText()).isEqualTo("Mozilla/5.0 (X11; Linux x86_64)");
        assertThat(doc.at("/attributes/bytes_received").asText()).isEqualTo("0");
        assertThat(doc.at("/attributes/upstream_service_time_ms").asText()).isEqualTo("15");
        assertThat(doc.at("/attributes/request_id").asText()).isEqualTo("7d3f9a2b-1c4e-4f6a-9b8d-2e5c7a1f0b3d");
        assertThat(doc.at("/attributes/authority").asText()).isEqualTo("orders.local:8080");
        assertThat(doc.at("/attributes/upstream_host").asText()).isEqualTo("10.0.2.15:8080");
        assertThat(doc.at("/attributes").has("response_flags")).isFalse();
        assertThat(doc.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(doc.at("/message").asText()).isEqualTo(Fixtures.lines("nginx/envoy-access.txt").get(0));
    }

    @Test
    void should_be_an_error_with_its_flags_when_the_upstream_failed() {
        JsonNode doc = run.document(1);

        assertThat(doc.at("/http/response/status_code").asInt()).isEqualTo(503);
        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/attributes/response_flags").asText()).isEqualTo("UF,URX");
        assertThat(doc.at("/http/version").asText()).isEqualTo("2");
        assertThat(doc.at("/event/duration").asLong()).isEqualTo(30_004_000_000L);
        assertThat(doc.has("source")).isFalse();
        assertThat(doc.at("/attributes").has("upstream_service_time_ms")).isFalse();
    }

    @Test
    void should_set_no_status_when_envoy_sent_no_response() {
        JsonNode doc = run.document(2);

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("http.access");
        assertThat(doc.at("/http/response").has("status_code")).isFalse();
        assertThat(doc.at("/attributes/response_flags").asText()).isEqualTo("DC");
        assertThat(doc.has("user_agent")).isFalse();
        assertThat(doc.at("/attributes").has("request_id")).isFalse();
        assertThat(doc.at("/attributes").has("upstream_host")).isFalse();
    }

    @Test
    void should_leave_a_bracketed_line_without_a_request_to_the_other_formats() {
        JsonNode doc = run.document(3);

        assertThat(doc.at("/event/dataset").asText()).isNotEqualTo("http.access");
        assertThat(doc.at("/message").asText()).isEqualTo("[2024-03-12T10:15:35.000Z] not an access line");
    }
}
