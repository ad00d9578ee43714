package io.logpipe.processor.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Large and hostile inputs. The timeouts are generous hang guards against quadratic behaviour, not performance
 * assertions (for timings see RedactionTimingMain).
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RedactorLargeInputTest {

    private static final int SIZE = 300 * 1024;

    private final Redactor redactor = new Redactor(RedactionConfig.fromSpec("all"));

    @Test
    void should_redact_every_secret_when_input_is_300_kb() {
        String block = "time=2024-03-12T10:15:32Z level=info msg=\"ok\" password=hunter2 card 4111 1111 1111 1111 "
                + "key AKIAIOSFODNN7EXAMPLE user bob@example.com ip=10.1.2.3 Пароль ✓\n";
        String input = block.repeat(SIZE / block.length() + 1);

        String result = redactor.redactText(input);

        int blocks = SIZE / block.length() + 1;
        assertThat(result).doesNotContain("hunter2", "4111", "AKIA", "bob@");
        assertThat(result.split("\\[REDACTED]", -1)).hasSize(4 * blocks + 1);
        assertThat(result).contains("ip=10.1.2.3 Пароль ✓");
    }

    @Test
    void should_return_same_instance_when_300_kb_input_is_clean() {
        String input = "level=info msg=\"request served\" status=200 bytes=512 ip=10.1.2.3 ".repeat(SIZE / 64);

        assertThat(redactor.redactText(input)).isSameAs(input);
    }

    @Test
    void should_finish_when_input_repeats_trigger_characters() {
        for (String unit : new String[] {"password=", "1 ", "12-", "eyJ", "eyJa.", "bearer ", "Basic ", "a@", "@a.",
                "AKIA", "\\\"", "token=\"", "Aa1/", "J"}) {
            String input = unit.repeat(SIZE / unit.length());
            assertThat(redactor.redactText(input)).isNotNull();
        }
    }

    @Test
    void should_redact_whole_value_when_secret_value_is_300_kb() {
        String input = "token=" + "x".repeat(SIZE) + " end";

        assertThat(redactor.redactText(input)).isEqualTo("token=[REDACTED] end");
    }
}
