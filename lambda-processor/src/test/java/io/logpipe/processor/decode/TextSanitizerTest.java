package io.logpipe.processor.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextSanitizerTest {

    @Test
    void should_return_the_same_instance_when_the_text_is_already_clean() {
        String clean = "2024-03-12 10:15:32,101 INFO  [main] c.a.Orders - Order 88231 created\tcafé ✓";

        assertThat(TextSanitizer.clean(clean)).isSameAs(clean);
    }

    @Test
    void should_strip_ansi_colour_and_cursor_sequences_when_a_tty_logger_wrote_them() {
        String coloured = "\u001b[32mINFO\u001b[0m \u001b[1;31mERROR\u001b[0m\u001b[2K Payment failed for order 42";

        assertThat(TextSanitizer.clean(coloured)).isEqualTo("INFO ERROR Payment failed for order 42");
    }

    @Test
    void should_strip_osc_hyperlinks_when_a_terminal_link_is_embedded() {
        String link = "see \u001b]8;;https://runbooks.example.com/orders\u0007runbook\u001b]8;;\u001b\\ for details";

        assertThat(TextSanitizer.clean(link)).isEqualTo("see runbook for details");
    }

    @Test
    void should_remove_nul_and_other_control_characters_when_keeping_tab_and_newline() {
        String raw = "NUL\u0000 SOH\u0001 BEL\u0007 BS\b VT\u000b FF\f DEL\u007f C1\u0085 tab\there\nnext";

        assertThat(TextSanitizer.clean(raw)).isEqualTo("NUL SOH BEL BS VT FF DEL C1 tab\there\nnext");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "lone high \ud800 here|lone high \uFFFD here",
        "lone low \udc00 here|lone low \uFFFD here",
        "reversed \udc00\ud800 pair|reversed \uFFFD\uFFFD pair",
        "high at end \ud83d|high at end \uFFFD",
        "valid pair \ud83d\ude00 here|valid pair \ud83d\ude00 here"})
    void should_replace_only_unpaired_surrogates_when_a_message_has_them(String raw, String expected) {
        assertThat(TextSanitizer.clean(raw)).isEqualTo(expected);
    }

    @Test
    void should_drop_trailing_line_breaks_when_the_runtime_terminated_the_line() {
        assertThat(TextSanitizer.clean("END RequestId: 6a1b2c3d\n")).isEqualTo("END RequestId: 6a1b2c3d");
        assertThat(TextSanitizer.clean("windows line\r\n\r\n")).isEqualTo("windows line");
        assertThat(TextSanitizer.clean("\n")).isEmpty();
    }

    @Test
    void should_normalise_inner_carriage_returns_to_newlines_when_lines_are_crlf_separated() {
        assertThat(TextSanitizer.clean("first\r\nsecond\rthird")).isEqualTo("first\nsecond\nthird");
    }
}
