package io.logpipe.processor.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvelopeKeysTest {

    @Test
    void should_find_where_the_first_log_value_starts_and_whether_a_partial_key_is_there() {
        int keys = EnvelopeKeys.of("{\"partial_message\":\"true\",\"log\":\"a\",\"log\":\"b\"}");

        assertThat(EnvelopeKeys.hasPartialKey(keys)).isTrue();
        assertThat(EnvelopeKeys.logValueAt(keys)).isEqualTo(33);
    }

    @Test
    void should_report_neither_key_in_plain_text() {
        int keys = EnvelopeKeys.of("log: partial_message");

        assertThat(keys).isEqualTo(EnvelopeKeys.NONE);
        assertThat(EnvelopeKeys.hasPartialKey(keys)).isFalse();
        assertThat(EnvelopeKeys.logValueAt(keys)).isEqualTo(-1);
    }

    @Test
    void should_find_a_log_key_at_the_very_start() {
        assertThat(EnvelopeKeys.logValueAt(EnvelopeKeys.of("\"log\":\""))).isEqualTo(7);
        assertThat(EnvelopeKeys.of("\"log\":\"")).isNotEqualTo(EnvelopeKeys.UNKNOWN);
    }
}
