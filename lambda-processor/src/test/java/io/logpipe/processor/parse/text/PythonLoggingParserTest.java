package io.logpipe.processor.parse.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PythonLoggingParserTest {
    private static TestPipeline.Run run;

    @BeforeAll
    static void runFixture() {
        run = new TestPipeline().lines("/app/payments/prod", "i-0f9e8d7c6b5a49382/payments.log",
                Fixtures.lines("app/python-logging.txt"));
    }

    @Test
    void should_read_time_and_level_when_the_format_is_bracketed_asctime_and_levelname() {
        JsonNode doc = run.document(0);

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("python.logging");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.782Z");
        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/message").asText()).isEqualTo("Payment provider returned 502 for order 88231");
        assertThat(doc.at("/log").has("logger")).isFalse();
    }

    @Test
    void should_read_the_module_as_logger_when_flask_writes_level_in_module() {
        JsonNode doc = run.document(1);

        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/log/logger").asText()).isEqualTo("app");
        assertThat(doc.at("/message").asText()).isEqualTo("Exception on /api/orders [POST]");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:33.015Z");
        assertThat(run.document(4).at("/log/logger").asText()).isEqualTo("orders");
        assertThat(run.document(4).at("/log/level").asText()).isEqualTo("INFO");
    }

    @Test
    void should_read_level_logger_and_message_when_basic_config_wrote_the_line() {
        JsonNode root = run.document(2);
        JsonNode botocore = run.document(3);
        JsonNode celery = run.document(5);

        assertThat(root.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(root.at("/log/logger").asText()).isEqualTo("root");
        assertThat(root.at("/message").asText()).isEqualTo("Failed to connect to redis at 10.0.4.12:6379");
        assertThat(botocore.at("/log/level").asText()).isEqualTo("WARN");
        assertThat(botocore.at("/log/logger").asText()).isEqualTo("botocore.credentials");
        assertThat(celery.at("/log/level").asText()).isEqualTo("FATAL");
        assertThat(celery.at("/log/logger").asText()).isEqualTo("celery.worker");
        assertThat(celery.at("/message").asText()).isEqualTo("Unrecoverable error: worker lost");
        // basicConfig carries no time: the transport time is used
        assertThat(root.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.002Z");
    }

    @Test
    void should_read_time_and_bracketed_level_after_the_pid_when_gunicorn_wrote_the_line() {
        JsonNode booting = run.document(6);
        JsonNode timeout = run.document(7);

        assertThat(booting.at("/event/dataset").asText()).isEqualTo("python.logging");
        assertThat(booting.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:35.000Z");
        assertThat(booting.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(booting.at("/message").asText()).isEqualTo("Booting worker with pid: 7");
        assertThat(timeout.at("/log/level").asText()).isEqualTo("FATAL");
        assertThat(timeout.at("/message").asText()).isEqualTo("WORKER TIMEOUT (pid:13)");
    }

    @Test
    void should_leave_a_gunicorn_like_line_whole_when_no_level_follows_the_pid() {
        JsonNode doc = run.document(8);

        assertThat(doc.at("/event/dataset").asText()).isNotEqualTo("python.logging");
        assertThat(doc.at("/message").asText()).isEqualTo("[2024-03-12 10:15:37 +0000] [7] booting without a level");
    }

    @Test
    void should_not_claim_a_sentence_when_the_colon_word_is_not_a_level() {
        JsonNode doc = new TestPipeline().line("Note: retries are disabled for this tenant").single();

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("text");
        assertThat(doc.at("/message").asText()).isEqualTo("Note: retries are disabled for this tenant");
    }
}
