package io.logpipe.processor.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RecurringNamesTest {

    @Test
    void should_hand_out_the_same_instance_when_a_name_recurs_in_another_text() {
        RecurringNames names = new RecurringNames();

        String first = names.of("level=info msg=a", 0, 5);
        String again = names.of("x level=warn", 2, 7);

        assertThat(first).isEqualTo("level");
        assertThat(again).isSameAs(first);
    }

    @Test
    void should_give_the_substring_when_names_collide_or_are_long() {
        RecurringNames names = new RecurringNames();
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            int length = random.nextInt(50);
            StringBuilder text = new StringBuilder("  ");
            for (int k = 0; k < length; k++) {
                text.append((char) ('a' + random.nextInt(3)));
            }
            String s = text.append("=1").toString();

            assertThat(names.of(s, 2, 2 + length)).isEqualTo(s.substring(2, 2 + length));
        }
        String longName = "x".repeat(41) + "=1";
        assertThat(names.of(longName, 0, 41)).isNotSameAs(names.of(longName, 0, 41));
    }
}
