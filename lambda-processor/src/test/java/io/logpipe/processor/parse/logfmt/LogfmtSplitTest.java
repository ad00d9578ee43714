package io.logpipe.processor.parse.logfmt;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpipe.processor.json.RecurringNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LogfmtParser#split}'s value reading (indexOf searches) against the plain char-by-char definition. */
class LogfmtSplitTest {

    @Test
    void should_split_like_the_char_by_char_definition_when_lines_are_random() {
        Random random = new Random(42);
        RecurringNames names = new RecurringNames();
        String alphabet = "ab=\"\\ nt_";
        for (int round = 0; round < 50_000; round++) {
            StringBuilder line = new StringBuilder("k=");
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = line.toString();
            List<String> fast = new ArrayList<>();
            List<String> plain = new ArrayList<>();
            boolean fastOk = LogfmtParser.split(s, fast, names);
            boolean plainOk = Reference.split(s, plain);

            assertThat(fastOk).as(s).isEqualTo(plainOk);
            if (plainOk) {
                assertThat(fast).as(s).isEqualTo(plain);
            }
        }
    }

    @Test
    void should_unescape_a_quoted_value_when_it_holds_an_escape_after_a_plain_stretch() {
        List<String> pairs = new ArrayList<>();

        assertThat(LogfmtParser.split("msg=\"a plain start then \\\"quoted\\\"\\n\" x=1", pairs, new RecurringNames()))
                .isTrue();
        assertThat(pairs).containsExactly("msg", "a plain start then \"quoted\"\n", "x", "1");
    }

    /** The definition: every value read char by char. */
    private static final class Reference {
        static boolean split(String s, List<String> out) {
            int i = 0, n = s.length();
            while (i < n) {
                while (i < n && s.charAt(i) == ' ') {
                    i++;
                }
                int keyStart = i;
                while (i < n && isKeyChar(s.charAt(i))) {
                    i++;
                }
                if (i == keyStart || out.size() >= 2_000) {
                    return i >= n && !out.isEmpty();
                }
                String key = s.substring(keyStart, i);
                if (i >= n || s.charAt(i) == ' ') {
                    out.add(key);
                    out.add("true");
                    continue;
                }
                if (s.charAt(i) != '=') {
                    return false;
                }
                i++;
                if (i < n && s.charAt(i) == '"') {
                    StringBuilder value = new StringBuilder();
                    i++;
                    while (i < n && s.charAt(i) != '"') {
                        char c = s.charAt(i);
                        if (c == '\\' && i + 1 < n) {
                            char next = s.charAt(++i);
                            value.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
                        } else {
                            value.append(c);
                        }
                        i++;
                    }
                    if (i >= n) {
                        return false;
                    }
                    out.add(key);
                    out.add(value.toString());
                    i++;
                } else {
                    int start = i;
                    while (i < n && s.charAt(i) != ' ') {
                        i++;
                    }
                    out.add(key);
                    out.add(s.substring(start, i));
                }
            }
            return true;
        }

        private static boolean isKeyChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                    || c == '-' || c == '@' || c == '/';
        }
    }
}
