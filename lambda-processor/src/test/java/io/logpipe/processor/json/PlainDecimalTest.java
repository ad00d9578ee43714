package io.logpipe.processor.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainDecimalTest {

    @Test
    void should_give_exactly_what_parse_double_gives_when_decimals_are_random() {
        Random random = new Random(42);
        for (int round = 0; round < 200_000; round++) {
            int digits = 1 + random.nextInt(PlainDecimal.MAX_DIGITS);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < digits; i++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
            if (digits > 1 && random.nextBoolean()) {
                text.insert(1 + random.nextInt(digits - 1), '.');
            }
            String s = text.toString();

            assertThat(PlainDecimal.parse("x" + s + " ms", 1, s.length() + 1)).as(s)
                    .isEqualTo(Double.parseDouble(s));
        }
    }

    @Test
    void should_give_exactly_what_parse_double_gives_when_decimals_round_awkwardly() {
        for (String s : new String[] {"0.1", "0.3", "2.675", "1.005", "999999999999999", "99999999999999.9",
                "0.00000000000001", "123456789012.345", "755.5", "3000.00"}) {
            assertThat(PlainDecimal.parse(s, 0, s.length())).as(s).isEqualTo(Double.parseDouble(s));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "+1", "1e3", "1.5E3", ".5", "5.", "1.2.3", "1,5", "NaN", "Infinity",
            "1234567890123456", "0.30000000000000004", "12 ms", "0x10"})
    void should_leave_the_text_to_parse_double_when_it_is_not_a_plain_decimal(String s) {
        assertThat(PlainDecimal.parse(s, 0, s.length())).isNaN();
    }
}
