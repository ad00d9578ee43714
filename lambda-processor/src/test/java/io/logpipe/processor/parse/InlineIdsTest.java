package io.logpipe.processor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.TestPipeline;
import org.junit.jupiter.api.Test;

class InlineIdsTest {
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

    @Test
    void should_fill_user_and_trace_and_redact_the_token_when_a_python_text_line_carries_key_value_pairs() {
        JsonNode doc = new TestPipeline().line("[2026-11-22 20:41:07,123] INFO: Login succeeded user_id=u-1042 "
                + "session_token=sess_3kT9xQ2mW8vL5nR7pZ4yB6cD1fG0hJ trace_id=" + TRACE + " duration_ms=41").single();

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("python.logging");
        assertThat(doc.at("/user/id").asText()).isEqualTo("u-1042");
        assertThat(doc.at("/trace/id").asText()).isEqualTo(TRACE);
        assertThat(doc.at("/message").asText()).contains("session_token=[REDACTED]").doesNotContain("sess_3kT9");
    }

    @Test
    void should_take_the_trace_id_from_an_access_line_trailer() {
        JsonNode doc = new TestPipeline().line("10.0.3.7 - u-77 [22/Nov/2026:20:41:07 +0000] \"GET /cart HTTP/1.1\" 200 512 "
                + "\"-\" \"curl/8.5.0\" 0.012 trace_id=" + TRACE).single();

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("http.access");
        assertThat(doc.at("/user/id").asText()).isEqualTo("u-77");
        assertThat(doc.at("/trace/id").asText()).isEqualTo(TRACE);
    }

    @Test
    void should_ignore_pairs_inside_longer_keys_and_in_stack_trace_lines() {
        JsonNode doc = new TestPipeline().lines("/custom/app", "[2026-11-22 20:41:07,123] ERROR: failed order_user_id=9",
                "java.lang.IllegalStateException: user_id=5", "\tat a.B.c(B.java:1)").single();

        assertThat(doc.at("/user/id").isMissingNode()).isTrue();
    }
}
