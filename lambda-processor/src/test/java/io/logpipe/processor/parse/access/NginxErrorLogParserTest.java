package io.logpipe.processor.parse.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** nginx's error log, as an nginx container writes it to stderr next to its access log. */
class NginxErrorLogParserTest {
    private static TestPipeline.Run run;

    @BeforeAll
    static void runFixture() {
        run = new TestPipeline().lines("/ecs/shop-nginx", "nginx/nginx/3f2a9c", Fixtures.lines("nginx/error.txt"));
    }

    @Test
    void should_split_message_and_context_when_an_upstream_fails() {
        JsonNode doc = run.document(0);

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("nginx.error");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.000Z");
        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/message").asText())
                .isEqualTo("connect() failed (111: Connection refused) while connecting to upstream");
        assertThat(doc.at("/source/ip").asText()).isEqualTo("203.0.113.42");
        assertThat(doc.at("/http/request/method").asText()).isEqualTo("GET");
        assertThat(doc.at("/url/path").asText()).isEqualTo("/api/v1/orders/42");
        assertThat(doc.at("/url/query").asText()).isEqualTo("expand=items");
        assertThat(doc.at("/http/version").asText()).isEqualTo("1.1");
        assertThat(doc.at("/http/request/referrer").asText()).isEqualTo("https://shop.example.com/cart");
        assertThat(doc.at("/attributes/server").asText()).isEqualTo("shop.example.com");
        assertThat(doc.at("/attributes/upstream").asText())
                .isEqualTo("http://10.0.2.15:8080/api/v1/orders/42?expand=items");
        assertThat(doc.at("/attributes/host").asText()).isEqualTo("shop.example.com");
        assertThat(doc.at("/http/response").has("status_code")).isFalse();
    }

    @Test
    void should_take_the_whole_text_as_message_when_there_is_no_connection_or_context() {
        JsonNode doc = run.document(1);

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("nginx.error");
        assertThat(doc.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(doc.at("/message").asText()).isEqualTo("start worker processes");
        assertThat(doc.has("http")).isFalse();
        assertThat(doc.has("attributes")).isFalse();
    }

    @Test
    void should_map_nginx_severities_and_stop_at_a_context_without_request() {
        JsonNode crit = run.document(2);
        JsonNode warn = run.document(3);

        assertThat(crit.at("/log/level").asText()).isEqualTo("FATAL");
        assertThat(crit.at("/message").asText()).startsWith("SSL_do_handshake() failed").endsWith("while SSL handshaking");
        assertThat(crit.at("/source/ip").asText()).isEqualTo("198.51.100.7");
        assertThat(crit.at("/attributes/server").asText()).isEqualTo("0.0.0.0:443");
        assertThat(crit.at("/http").has("request")).isFalse();
        assertThat(warn.at("/log/level").asText()).isEqualTo("WARN");
        assertThat(warn.at("/http/request/method").asText()).isEqualTo("POST");
        assertThat(warn.at("/http/version").asText()).isEqualTo("2.0");
    }

    @Test
    void should_redact_a_token_in_the_request_query() {
        assertThat(run.document(3).at("/url/query").asText()).isEqualTo("token=[REDACTED]");
        assertThat(run.ndjson()).doesNotContain("s3cr3t-upl0ad");
    }

    @Test
    void should_leave_a_line_to_the_other_formats_when_the_process_ids_are_missing() {
        JsonNode doc = run.document(4);

        assertThat(doc.at("/event/dataset").asText()).isNotEqualTo("nginx.error");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:36.000Z");
    }
}
