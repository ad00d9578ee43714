package io.logpipe.processor.parse.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Free text: the message is kept whole and the level sniffed from the header words only. */
class PlainTextParserTest {
    private static TestPipeline.Run run;

    @BeforeAll
    static void runFixture() {
        run = new TestPipeline().lines("/app/gateway/prod", "i-0a1b2c3d4e5f60718/gateway.log",
                Fixtures.lines("app/plain-text.txt"));
    }

    @Test
    void should_keep_the_line_whole_when_no_format_matches() {
        assertThat(run.documents()).hasSize(7).allSatisfy(doc ->
                assertThat(doc.at("/event/dataset").asText()).isEqualTo("text"));
        assertThat(run.document(4).at("/message").asText())
                .isEqualTo("Retrying downstream call; queue depth=12 worker=9f8e7d6c");
        assertThat(run.document(4).at("/log/level").asText()).isEqualTo("INFO");
    }

    @Test
    void should_not_be_error_when_a_sentence_mentions_error_in_lowercase() {
        assertThat(run.document(0).at("/log/level").asText()).isEqualTo("INFO");
        assertThat(run.document(6).at("/log/level").asText()).isEqualTo("INFO");
    }

    @Test
    void should_sniff_the_level_when_it_is_bracketed_uppercase_or_a_colon_label() {
        assertThat(run.document(1).at("/log/level").asText()).isEqualTo("WARN");
        assertThat(run.document(2).at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(run.document(3).at("/log/level").asText()).isEqualTo("FATAL");
        assertThat(run.document(5).at("/log/level").asText()).isEqualTo("ERROR");
    }

    @Test
    void should_use_the_transport_time_when_the_text_has_no_timestamp() {
        assertThat(run.document(1).at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.001Z");
    }
}
