package io.logpipe.processor.parse.logfmt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LogfmtParserTest {
    private static TestPipeline.Run run;

    @BeforeAll
    static void runFixture() {
        run = new TestPipeline().lines("/app/auth/prod", "i-0a1b2c3d4e5f60718/auth.log", Fixtures.lines("app/logfmt.txt"));
    }

    @Test
    void should_map_well_known_keys_when_a_go_service_logs_logfmt() {
        JsonNode doc = run.document(0);

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("logfmt");
        assertThat(doc.at("/message").asText()).isEqualTo("User logged in");
        assertThat(doc.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.123Z");
        assertThat(doc.at("/service/name").asText()).isEqualTo("auth");
        assertThat(doc.at("/user/id").asText()).isEqualTo("42");
        assertThat(doc.at("/event/duration").asLong()).isEqualTo(12_340_000L);
        assertThat(doc.at("/attributes/request_id").asText()).isEqualTo("6f1d2c3b-8a7e-4f60-9b1c-2d3e4f5a6b7c");
    }

    @Test
    void should_unescape_quoted_values_and_flag_bare_keys_when_the_line_has_both() {
        JsonNode doc = run.document(1);

        assertThat(doc.at("/message").asText()).isEqualTo("retrying \"inventory\" call\tattempt 2");
        assertThat(doc.at("/log/level").asText()).isEqualTo("WARN");
        assertThat(doc.at("/attributes/attempt").asText()).isEqualTo("2");
        assertThat(doc.at("/attributes/dry_run").asText()).isEqualTo("true");
        assertThat(doc.at("/attributes/component").asText()).isEqualTo("client");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:33.456Z");
    }

    @Test
    void should_read_short_key_spellings_error_and_request_fields_when_present() {
        JsonNode doc = run.document(2);

        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/message").asText()).isEqualTo("charge failed");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:34.000Z");
        assertThat(doc.at("/error/message").asText()).isEqualTo("card declined");
        assertThat(doc.at("/trace/id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(doc.at("/url/path").asText()).isEqualTo("/api/v1/payments");
        assertThat(doc.at("/url/query").asText()).isEqualTo("retry=1");
        assertThat(doc.at("/http/response/status_code").asInt()).isEqualTo(502);
    }

    @Test
    void should_fall_back_to_text_when_a_quote_is_unterminated() {
        JsonNode doc = new TestPipeline().line("level=info msg=\"never closed user=42").single();

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("text");
        assertThat(doc.at("/message").asText()).isEqualTo("level=info msg=\"never closed user=42");
    }

    @Test
    void should_not_treat_a_line_as_logfmt_when_it_has_a_single_pair() {
        JsonNode doc = new TestPipeline().line("healthcheck=ok").single();

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("text");
    }

    @Test
    void should_read_plain_and_escaped_quoted_values_side_by_side() {
        JsonNode doc = new TestPipeline().line("level=info msg=\"plain value\" note=\"say \\\"hi\\\" \\\\ok\" empty=\"\" last=end").single();

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("logfmt");
        assertThat(doc.at("/message").asText()).isEqualTo("plain value");
        assertThat(doc.at("/attributes/note").asText()).isEqualTo("say \"hi\" \\ok");
        assertThat(doc.at("/attributes/last").asText()).isEqualTo("end");
    }
}
