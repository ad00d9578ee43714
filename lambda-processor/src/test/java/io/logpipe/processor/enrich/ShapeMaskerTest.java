package io.logpipe.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The masker's ASCII table answers exactly as {@link Character} does, and non-ASCII text still goes to Character. */
class ShapeMaskerTest {

    private static String masked(String text) {
        StringBuilder out = new StringBuilder();
        ShapeMasker.mask(text, out);
        return out.toString();
    }

    @Test
    void should_mask_numbers_hex_ids_and_uuids_in_errors_and_frames() {
        assertThat(masked("Order 9931 closed after 12ms")).isEqualTo("Order 0 closed after 0ms");
        assertThat(masked("at com.acme.Svc.run(Svc.java:123)")).isEqualTo("at com.acme.Svc.run(Svc.java:0)");
        assertThat(masked("id 550e8400-e29b-41d4-a716-446655440000 hash DEADBEEF12 word deadbeef"))
                .isEqualTo("id x hash x word deadbeef");
        assertThat(masked("Lambda$12/0x0000000800c0b000.apply")).isEqualTo("Lambda$0/0x0c0b0.apply");
    }

    @Test
    void should_mask_as_the_character_class_rules_say_when_text_mixes_scripts() {
        String[] alphabet = {"a", "f", "g", "Z", "F", "0", "7", "-", " ", ".", ":", "(", "_", "é", "Ж", "٣", "Ａ", "ｆ",
                "１", "ß", "€", "\u00b2", "😀"};
        SplittableRandom random = new SplittableRandom(19);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(60); i > 0; i--) {
                s.append(alphabet[random.nextInt(alphabet.length)]);
            }
            if (random.nextInt(10) == 0) {
                s.insert(random.nextInt(s.length() + 1), "550e8400-e29b-41d4-a716-44665544000" + alphabet[random.nextInt(8)]);
            }
            String text = s.toString();
            assertThat(masked(text)).as(text).isEqualTo(ByCharacter.mask(text));
        }
    }

    /** The masking rules spelled with Character's methods only: what the table must agree with. */
    private static final class ByCharacter {
        static String mask(String text) {
            StringBuilder out = new StringBuilder();
            int n = Math.min(text.length(), 512);
            int i = 0;
            while (i < n) {
                char c = text.charAt(i);
                if (!Character.isLetterOrDigit(c)) {
                    out.append(c);
                    i++;
                } else if (isUuid(text, i, n)) {
                    out.append('x');
                    i += 36;
                } else {
                    int end = i;
                    while (end < n && Character.isLetterOrDigit(text.charAt(end))) {
                        end++;
                    }
                    String word = text.substring(i, end);
                    boolean hasDigit = word.chars().anyMatch(ch -> Character.isDigit((char) ch));
                    boolean allDigits = word.chars().allMatch(ch -> Character.isDigit((char) ch));
                    boolean hex = word.length() >= 8 && word.chars().allMatch(ch -> {
                        char lower = Character.toLowerCase((char) ch);
                        return Character.isDigit(lower) || (lower >= 'a' && lower <= 'f');
                    });
                    if (hasDigit && (allDigits || hex)) {
                        out.append(allDigits ? '0' : 'x');
                    } else if (hasDigit) {
                        out.append(word.replaceAll("\\p{javaDigit}+", "0"));
                    } else {
                        out.append(word);
                    }
                    i = end;
                }
            }
            return out.toString();
        }

        static boolean isUuid(String s, int i, int n) {
            int end = i + 36;
            if (end > n || (end < n && Character.isLetterOrDigit(s.charAt(end)))) {
                return false;
            }
            for (int k = 0; k < 36; k++) {
                char c = s.charAt(i + k);
                if (k == 8 || k == 13 || k == 18 || k == 23 ? c != '-' : Character.digit(c, 16) < 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
