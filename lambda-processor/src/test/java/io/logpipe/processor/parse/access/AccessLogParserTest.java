package io.logpipe.processor.parse.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** nginx / Apache combined and common log format lines shipped from {@code /var/log/nginx/access-prod}. */
class AccessLogParserTest {
    private static TestPipeline.Run run;

    @BeforeAll
    static void runFixture() {
        run = new TestPipeline().lines("/var/log/nginx/access-prod", "i-0f9e8d7c6b5a49382", Fixtures.lines("nginx/access.txt"));
    }

    @Test
    void should_parse_every_field_when_the_line_is_combined_format() {
        JsonNode doc = run.document(0);

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("http.access");
        assertThat(doc.at("/http/request/method").asText()).isEqualTo("GET");
        assertThat(doc.at("/url/path").asText()).isEqualTo("/api/v1/orders/42");
        assertThat(doc.at("/url/query").asText()).isEqualTo("expand=items&page=2");
        assertThat(doc.at("/http/version").asText()).isEqualTo("1.1");
        assertThat(doc.at("/http/response/status_code").isInt()).isTrue();
        assertThat(doc.at("/http/response/status_code").asInt()).isEqualTo(200);
        assertThat(doc.at("/http/response/body/bytes").asLong()).isEqualTo(5123);
        assertThat(doc.at("/source/ip").asText()).isEqualTo("203.0.113.42");
        assertThat(doc.at("/http/request/referrer").asText()).isEqualTo("https://shop.example.com/cart");
        assertThat(doc.at("/user_agent/original").asText()).startsWith("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3)");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.000Z");
        assertThat(doc.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(doc.has("user")).isFalse();
        assertThat(doc.at("/event").has("duration")).isFalse();
        assertThat(doc.at("/message").asText()).isEqualTo(Fixtures.lines("nginx/access.txt").get(0));
    }

    @Test
    void should_skip_escaped_quotes_and_keep_uncommon_methods_and_versions_when_apache_escapes_them() {
        String line = "198.51.100.7 - - [12/Mar/2024:10:15:32 +0000] \"PROPFIND /dav/a?q=\\\"x\\\" HTTP/1.2\" 207 12"
                + " \"https://ref.example.com/\\\"r\\\"\" \"Mozilla \\\"quoted\\\" 5.0\" 0.004";
        JsonNode doc = new TestPipeline().lines("/var/log/httpd/access", "i-1", java.util.List.of(line)).document(0);

        assertThat(doc.at("/http/request/method").asText()).isEqualTo("PROPFIND");
        assertThat(doc.at("/http/version").asText()).isEqualTo("1.2");
        assertThat(doc.at("/url/path").asText()).isEqualTo("/dav/a");
        assertThat(doc.at("/http/response/status_code").asInt()).isEqualTo(207);
        assertThat(doc.at("/http/request/referrer").asText()).isEqualTo("https://ref.example.com/\\\"r\\\"");
        assertThat(doc.at("/user_agent/original").asText()).isEqualTo("Mozilla \\\"quoted\\\" 5.0");
        assertThat(doc.at("/event/duration").asLong()).isEqualTo(4_000_000L);
    }

    @Test
    void should_read_user_request_time_and_error_level_when_a_5xx_line_has_trailing_timings() {
        JsonNode doc = run.document(1);

        assertThat(doc.at("/http/request/method").asText()).isEqualTo("POST");
        assertThat(doc.at("/url/path").asText()).isEqualTo("/api/v1/payments");
        assertThat(doc.at("/url").has("query")).isFalse();
        assertThat(doc.at("/http/response/status_code").asInt()).isEqualTo(502);
        assertThat(doc.at("/user/id").asText()).isEqualTo("alice");
        assertThat(doc.at("/event/duration").asLong()).isEqualTo(532_000_000L);
        assertThat(doc.at("/http/request").has("referrer")).isFalse();
        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
    }

    @Test
    void should_parse_the_common_format_when_referrer_and_agent_are_absent() {
        JsonNode doc = run.document(2);

        assertThat(doc.at("/url/path").asText()).isEqualTo("/health");
        assertThat(doc.at("/http/response/body/bytes").asLong()).isEqualTo(2);
        assertThat(doc.has("user_agent")).isFalse();
        assertThat(doc.at("/source/ip").asText()).isEqualTo("10.0.3.17");
    }

    @Test
    void should_apply_the_offset_and_warn_when_a_4xx_line_is_in_local_time() {
        JsonNode doc = run.document(3);

        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:35.000Z");
        assertThat(doc.at("/http/response/status_code").asInt()).isEqualTo(404);
        assertThat(doc.at("/http/response/body/bytes").asLong()).isZero();
        assertThat(doc.at("/http/version").asText()).isEqualTo("2.0");
        assertThat(doc.at("/log/level").asText()).isEqualTo("WARN");
    }

    @Test
    void should_accept_ipv6_clients_and_3xx_as_info_when_nginx_logs_them() {
        JsonNode doc = run.document(4);

        assertThat(doc.at("/source/ip").asText()).isEqualTo("2001:db8::8a2e:370:7334");
        assertThat(doc.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(doc.at("/event/duration").asLong()).isEqualTo(4_000_000L);
    }

    @Test
    void should_parse_the_apache_common_example_when_the_user_is_authenticated() {
        JsonNode doc = run.document(5);

        assertThat(doc.at("/user/id").asText()).isEqualTo("frank");
        assertThat(doc.at("/url/path").asText()).isEqualTo("/apache_pb.gif");
        assertThat(doc.at("/http/version").asText()).isEqualTo("1.0");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:37.000Z");
    }

    @Test
    void should_name_the_service_nginx_in_the_log_groups_environment_when_no_record_field_says_otherwise() {
        assertThat(run.documents()).allSatisfy(doc -> {
            assertThat(doc.at("/service/name").asText()).isEqualTo("nginx");
            assertThat(doc.at("/service/environment").asText()).isEqualTo("prod");
            assertThat(doc.at("/host/name").asText()).isEqualTo("i-0f9e8d7c6b5a49382");
        });
    }

    @Test
    void should_warn_without_a_user_agent_when_nginx_logs_a_bad_request_without_request_line() {
        JsonNode doc = new TestPipeline().lines("/var/log/nginx/access-prod",
                "198.51.100.23 - - [12/Mar/2024:10:15:32 +0000] \"-\" 400 0 \"-\" \"-\"").single();

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("http.access");
        assertThat(doc.at("/http/response/status_code").asInt()).isEqualTo(400);
        assertThat(doc.at("/log/level").asText()).isEqualTo("WARN");
        assertThat(doc.has("user_agent")).isFalse();
        assertThat(doc.at("/http").has("request")).isFalse();
    }
}
