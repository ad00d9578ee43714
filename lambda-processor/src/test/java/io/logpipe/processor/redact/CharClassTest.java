package io.logpipe.processor.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The skip search of {@link CharClass#nextRun} against the plain definition: the first maximal run long enough. */
class CharClassTest {

    private static final int MIN = 5;

    @Test
    void should_find_run_when_word_before_it_ends_the_right_to_left_check() {
        // the probe at index 4 hits "ab"; the check from index 5 back stops at the space after it
        String s = "xx ab Abcde+/ rest";

        assertThat(CharClass.nextRun(s, 0, CharClass.BASE64, MIN)).isEqualTo(run(6, 13));
    }

    @Test
    void should_return_none_when_run_would_pass_the_end() {
        assertThat(CharClass.nextRun("... abc", 0, CharClass.BASE64, MIN)).isEqualTo(-1);
        assertThat(CharClass.nextRun("abcd", 0, CharClass.BASE64, MIN)).isEqualTo(-1);
    }

    @Test
    void should_find_run_when_it_starts_at_from_or_fills_the_text() {
        assertThat(CharClass.nextRun("abcde", 0, CharClass.BASE64, MIN)).isEqualTo(run(0, 5));
        assertThat(CharClass.nextRun("ab.abcdefg", 3, CharClass.BASE64, MIN)).isEqualTo(run(3, 10));
        assertThat(CharClass.nextRun("abcd efgh ijklm", 0, CharClass.BASE64, MIN)).isEqualTo(run(10, 15));
    }

    @Test
    void should_match_plain_scan_when_text_is_random() {
        Random random = new Random(7);
        char[] alphabet = {'a', 'Z', '7', '+', '/', ' ', '.', '=', 'é'};
        for (int round = 0; round < 20_000; round++) {
            char[] chars = new char[random.nextInt(40)];
            for (int i = 0; i < chars.length; i++) {
                // mostly class characters, so runs of every length around MIN occur
                chars[i] = random.nextInt(4) == 0 ? alphabet[5 + random.nextInt(4)] : alphabet[random.nextInt(5)];
            }
            String s = new String(chars);
            for (int from = 0; from <= s.length(); from++) {
                if (from > 0 && CharClass.is(s.charAt(from - 1), CharClass.BASE64)) {
                    continue; // from must not be inside a run
                }
                assertThat(CharClass.nextRun(s, from, CharClass.BASE64, MIN)).as("%s from %d", s, from)
                        .isEqualTo(plainNextRun(s, from));
            }
        }
    }

    private static long plainNextRun(String s, int from) {
        int i = from;
        while (i < s.length()) {
            if (!CharClass.is(s.charAt(i), CharClass.BASE64)) {
                i++;
                continue;
            }
            int end = i;
            while (end < s.length() && CharClass.is(s.charAt(end), CharClass.BASE64)) {
                end++;
            }
            if (end - i >= MIN) {
                return run(i, end);
            }
            i = end;
        }
        return -1;
    }

    private static long run(int start, int end) {
        return ((long) start << 32) | end;
    }
}
