package io.logpipe.processor.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.parse.csv.CsvHeaders;
import io.logpipe.processor.testing.TestPipeline;
import org.junit.jupiter.api.Test;

/** Session tokens and ids are credentials: redacted in JSON keys, key=value text and CSV columns alike. */
class SessionSecretsTest {
    private static final String TOKEN = "sess_3kT9xQ2mW8vL5nR7pZ4yB6cD1fG0hJ";

    @Test
    void should_redact_session_tokens_and_ids_when_they_are_json_keys() {
        JsonNode doc = new TestPipeline().line("{\"message\":\"ok\",\"session_token\":\"" + TOKEN + "\",\"sessionId\":\"a1b2c3d4e5\","
                + "\"JSESSIONID\":\"F00DBABE\",\"session_key\":\"k-998877\",\"session_count\":3}").single();

        assertThat(doc.at("/attributes/session_token").asText()).isEqualTo("[REDACTED]");
        assertThat(doc.at("/attributes/sessionId").asText()).isEqualTo("[REDACTED]");
        assertThat(doc.at("/attributes/JSESSIONID").asText()).isEqualTo("[REDACTED]");
        assertThat(doc.at("/attributes/session_key").asText()).isEqualTo("[REDACTED]");
        assertThat(doc.at("/attributes/session_count").asText()).isEqualTo("3");
    }

    @Test
    void should_redact_session_tokens_and_ids_when_they_are_key_value_pairs_in_text() {
        JsonNode doc = new TestPipeline().line("[2024-03-12 10:15:31,000] INFO: Login ok session_token=" + TOKEN
                + " session_id=a1b2c3d4e5 user_id=u-1").single();

        assertThat(doc.at("/message").asText())
                .isEqualTo("Login ok session_token=[REDACTED] session_id=[REDACTED] user_id=u-1");
    }

    @Test
    void should_redact_the_session_token_column_when_the_line_is_csv() {
        String line = "2024-03-12T10:15:31.000Z,INFO,checkout-api,io.shop.Auth,login,User logged in,u-1," + TOKEN
                + ",4bf92f3577b34da6a3ce929d0e0e4736,POST,/api/login,200,31";

        JsonNode doc = new TestPipeline().lines("/ecs/checkout-api", CsvHeaders.SAMPLE_APP_HEADER, line).document(1);

        assertThat(doc.at("/attributes/session_token").asText()).isEqualTo("[REDACTED]");
        assertThat(doc.toString()).doesNotContain(TOKEN);
    }
}
