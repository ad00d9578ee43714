package io.logpipe.processor.parse.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** NestJS's built-in console logger, as a Node.js container writes it (colours already stripped at decode). */
class NestLoggerParserTest {
    private static TestPipeline.Run run;

    @BeforeAll
    static void runFixture() {
        run = new TestPipeline().lines("/ecs/gateway", "gateway/gateway/77aa", Fixtures.lines("app/nestjs.txt"));
    }

    @Test
    void should_read_time_level_context_and_message_of_a_nest_line() {
        JsonNode doc = run.document(0);

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("nestjs");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.000Z");
        assertThat(doc.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(doc.at("/log/logger").asText()).isEqualTo("NestApplication");
        assertThat(doc.at("/message").asText()).isEqualTo("Nest application successfully started");
        assertThat(doc.at("/attributes/nest_elapsed_ms").asLong()).isEqualTo(2);
    }

    @Test
    void should_map_nest_levels_and_keep_a_message_without_elapsed_time_whole() {
        assertThat(run.document(1).at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(run.document(1).at("/message").asText())
                .isEqualTo("Cannot read properties of undefined (reading 'id')");
        assertThat(run.document(1).has("attributes")).isFalse();
        assertThat(run.document(2).at("/log/level").asText()).isEqualTo("TRACE");
        assertThat(run.document(2).at("/message").asText()).isEqualTo("AppController {/api}:");
        assertThat(run.document(3).at("/log/level").asText()).isEqualTo("WARN");
        assertThat(run.document(3).at("/message").asText()).isEqualTo("Order 42 took 812 ms");
    }

    @Test
    void should_read_twelve_hour_times_around_midnight_and_noon() {
        assertThat(run.document(2).at("/@timestamp").asText()).isEqualTo("2024-03-12T00:15:34.000Z");
        assertThat(run.document(3).at("/@timestamp").asText()).isEqualTo("2024-03-12T12:15:35.000Z");
    }

    @Test
    void should_leave_a_line_with_an_impossible_date_to_the_other_formats() {
        JsonNode doc = run.document(4);

        assertThat(doc.at("/event/dataset").asText()).isNotEqualTo("nestjs");
        assertThat(doc.at("/message").asText()).isEqualTo(Fixtures.lines("app/nestjs.txt").get(4));
    }
}
