package io.logpipe.processor.parse.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Apache httpd's error log, as httpd and php-apache containers write it to stderr. */
class ApacheErrorLogParserTest {
    private static TestPipeline.Run run;

    @BeforeAll
    static void runFixture() {
        run = new TestPipeline().lines("/ecs/storefront-php", "storefront/apache/9c2e",
                Fixtures.lines("nginx/apache-error.txt"));
    }

    @Test
    void should_read_time_module_level_client_and_message() {
        JsonNode doc = run.document(0);

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("apache.error");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:31.782Z");
        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/log/logger").asText()).isEqualTo("core");
        assertThat(doc.at("/source/ip").asText()).isEqualTo("10.0.1.5");
        assertThat(doc.at("/message").asText()).isEqualTo("AH00126: Invalid URI in request GET /x HTTP/1.1");
    }

    @Test
    void should_read_a_line_without_client_and_one_with_a_referer() {
        JsonNode notice = run.document(1);
        JsonNode php = run.document(2);

        assertThat(notice.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(notice.has("source")).isFalse();
        assertThat(notice.at("/message").asText()).startsWith("AH00163: Apache/2.4.62");
        assertThat(php.at("/log/logger").asText()).isEqualTo("php");
        assertThat(php.at("/http/request/referrer").asText()).isEqualTo("http://shop.example.com/");
        assertThat(php.at("/message").asText()).endsWith("in /var/www/html/index.php:3");
    }

    @Test
    void should_map_trace_levels_and_strip_the_port_of_an_ipv6_client() {
        JsonNode doc = run.document(3);

        assertThat(doc.at("/log/level").asText()).isEqualTo("TRACE");
        assertThat(doc.at("/source/ip").asText()).isEqualTo("::1");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:34.500Z");
    }

    @Test
    void should_leave_a_bracketed_time_without_module_and_level_to_the_other_formats() {
        JsonNode doc = run.document(4);

        assertThat(doc.at("/event/dataset").asText()).isNotEqualTo("apache.error");
        assertThat(doc.at("/message").asText()).isEqualTo("[Tue Mar 12 10:15:35 2024] not an httpd line");
    }
}
