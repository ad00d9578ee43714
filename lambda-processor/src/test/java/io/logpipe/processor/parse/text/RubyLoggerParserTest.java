package io.logpipe.processor.parse.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ruby's Logger layout, as a Rails app writes it to stdout. */
class RubyLoggerParserTest {
    private static TestPipeline.Run run;

    @BeforeAll
    static void runFixture() {
        run = new TestPipeline().lines("/ecs/storefront", "storefront/web/8c1d", Fixtures.lines("app/ruby-logger.txt"));
    }

    @Test
    void should_read_time_and_padded_level_when_rails_logs_without_a_program_name() {
        JsonNode doc = run.document(0);

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("ruby.logger");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.481Z");
        assertThat(doc.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(doc.at("/log").has("logger")).isFalse();
        assertThat(doc.at("/message").asText())
                .isEqualTo("Started GET \"/api/orders/42\" for 203.0.113.42 at 2024-03-12 10:15:32 +0000");
    }

    @Test
    void should_take_the_program_name_as_logger() {
        JsonNode error = run.document(1);
        JsonNode warn = run.document(2);

        assertThat(error.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(error.at("/log/logger").asText()).isEqualTo("ActiveRecord");
        assertThat(error.at("/message").asText()).isEqualTo("PG::ConnectionBad: could not connect to server");
        assertThat(warn.at("/log/level").asText()).isEqualTo("WARN");
        assertThat(warn.at("/log/logger").asText()).isEqualTo("Sidekiq");
        assertThat(warn.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:34.500Z");
    }

    @Test
    void should_leave_a_line_without_the_arrow_to_the_other_formats() {
        JsonNode doc = run.document(3);

        assertThat(doc.at("/event/dataset").asText()).isNotEqualTo("ruby.logger");
        assertThat(doc.at("/message").asText()).isEqualTo("I, [2024-03-12T10:15:35.000000 #7] sentence without the arrow");
    }
}
