package io.logpipe.processor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Redaction seen from the outside: whatever field a secret lands in after parsing, it must not appear anywhere
 * in the serialised documents (the redactor's own rules are unit-tested in the redact package).
 */
class RedactionPipelineTest {
    private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwic2NvcGUiOiJvcmRlcnM6d3JpdGUiLCJpYXQiOjE3MTAyMzg1MzJ9"
            + ".c2lnbmF0dXJlLWJ5dGVzLWZvci10ZXN0aW5nLW9ubHkxMjM0NTY";
    private static TestPipeline.Run run;

    @BeforeAll
    static void runFixture() {
        run = new TestPipeline().cloudWatch(Fixtures.cloudWatchEvent("app/secrets-leaks.json"));
    }

    static List<String> secrets() {
        return List.of(
                "hunter2-9f8e7d",                                       // password= in a log4j message
                JWT, "eyJzdWIiOiJ1c2VyLTQyIiwic2NvcGUiOiJvcmRlcnM6d3JpdGUiLCJpYXQiOjE3MTAyMzg1MzJ9",
                "Summer2024#a1b2c3",                                    // logfmt password="..."
                "Zm9vYmFyYmF6cXV4LXNlc3Npb24tdG9rZW4tMTIzNDU2Nzg",      // logfmt session_token=
                "9c2e7b1d0f3a4c5e6a7b8c9d0e1f2a3b",                     // JSON headers.authorization bearer
                "ZGVwbG95OmNvcnJlY3QtaG9yc2UtYmF0dGVyeQ==",             // nested request.headers.authorization basic
                "4111 1111 1111 1111", "4111111111111111",              // Luhn-valid cards
                "5555-5555-5555-4444", "5555555555554444",
                "4012888888881881",                                     // card in a JSON attribute
                "AKIAIOSFODNN7EXAMPLE",                                 // AWS access key id
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",             // AWS secret access key
                "Tr0ub4dor%26a1b2c3", "Tr0ub4dor&a1b2c3");              // password in an access log query
    }

    @Test
    void should_index_every_event_when_they_carry_secrets() {
        assertThat(run.deadLetters()).isEmpty();
        assertThat(run.documents()).hasSize(7);
    }

    @ParameterizedTest
    @MethodSource("secrets")
    void should_not_leak_the_secret_anywhere_in_the_documents_when_it_was_logged(String secret) {
        assertThat(run.ndjson()).doesNotContain(secret);
        for (JsonNode doc : run.documents()) {
            assertThat(doc.toString()).doesNotContain(secret);
        }
    }

    @Test
    void should_keep_the_surrounding_text_when_secrets_are_masked_in_a_message() {
        assertThat(run.document(0).at("/message").asText())
                .startsWith("Login failed for bob password=[REDACTED]")
                .contains("Authorization: Bearer [REDACTED]");
        assertThat(run.document(1).at("/message").asText()).isEqualTo("session refreshed");
        assertThat(run.document(1).at("/user/id").asText()).isEqualTo("42");
        assertThat(run.document(1).at("/attributes/password").asText()).isEqualTo("[REDACTED]");
        assertThat(run.document(1).at("/attributes/session_token").asText()).isEqualTo("[REDACTED]");
    }

    @Test
    void should_mask_authorization_headers_when_they_are_nested_in_json() {
        JsonNode doc = run.document(2);

        assertThat(doc.at("/attributes/headers/authorization").asText()).contains("[REDACTED]");
        assertThat(doc.at("/attributes/headers/x-request-id").asText()).isEqualTo("f0e1d2c3");
        assertThat(doc.at("/attributes/request/headers/authorization").asText()).contains("[REDACTED]");
        assertThat(doc.at("/attributes/request/headers/accept").asText()).isEqualTo("application/json");
        assertThat(doc.at("/http/request/method").asText()).isEqualTo("POST");
    }

    @Test
    void should_keep_a_number_that_fails_luhn_when_it_only_looks_like_a_card() {
        String message = run.document(3).at("/message").asText();

        assertThat(message).contains("4111 1111 1111 1112");
        assertThat(message).startsWith("Charged card [REDACTED] and backup card [REDACTED] for order 88231");
    }

    @Test
    void should_mask_the_query_and_keep_the_path_when_an_access_log_leaks_a_password() {
        JsonNode doc = run.document(6);

        assertThat(doc.at("/url/path").asText()).isEqualTo("/login");
        assertThat(doc.at("/url/query").asText()).contains("password=[REDACTED]");
        assertThat(doc.at("/http/response/status_code").asInt()).isEqualTo(302);
    }
}
