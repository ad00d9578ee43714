package io.logpipe.processor.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class JsonOutTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode roundTrip(String value) throws Exception {
        JsonOut out = new JsonOut();
        out.writeStartObject();
        out.writeStringField("v", value);
        out.writeEndObject();
        return JSON.readTree(out.text()).path("v");
    }

    @Test
    void should_round_trip_through_a_json_parser_when_strings_hold_anything_but_lone_surrogates() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        String[] alphabet = {"a", "b", "\"", "\\", "/", "\n", "\t", "\r", "\b", "\f", "\u0000", "\u0001", "\u001f",
                "\u007f", " ", "é", "€", "\u4e2d", "😀", "<", ">", "&", "'"};
        for (int round = 0; round < 5_000; round++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                s.append(alphabet[random.nextInt(alphabet.length)]);
            }
            assertThat(roundTrip(s.toString()).asText()).isEqualTo(s.toString());
        }
    }

    @Test
    void should_write_valid_utf8_when_a_string_holds_a_lone_surrogate() throws Exception {
        assertThat(roundTrip("a\ud800b").asText()).isEqualTo("a?b");
    }

    @Test
    void should_find_the_first_byte_to_escape_when_scanning_eight_bytes_at_a_time() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                int pick = random.nextInt(100);
                bytes[i] = (byte) (pick < 3 ? random.nextInt(0x20) : pick < 5 ? '"' : pick < 7 ? '\\' : pick < 15
                        ? 0x80 + random.nextInt(0x80) : 0x20 + random.nextInt(0x5F));
            }
            assertThat(JsonOut.cleanPrefix(bytes)).as(java.util.Arrays.toString(bytes)).isEqualTo(naiveCleanPrefix(bytes));
        }
    }

    @Test
    void should_find_the_first_byte_to_escape_when_the_scan_starts_after_an_escaped_byte() {
        for (boolean asciiOnly : new boolean[] {false, true}) {
            findsTheFirstByteToStopAtFromEveryOffset(asciiOnly);
        }
    }

    private static void findsTheFirstByteToStopAtFromEveryOffset(boolean asciiOnly) {
        // A flagged byte can mark the byte above it falsely ('"' then '#'); a scan resumed just after an escape
        // must not read such a byte into its last word. Every start offset of every array is checked.
        SplittableRandom random = new SplittableRandom(11);
        byte[] tricky = {'"', '#', '\\', ']', 0x00, 0x21, 0x1f, 0x20, (byte) 0xc3, (byte) 0xa9, '?', '@', 'a', 'b'};
        for (int round = 0; round < 5_000; round++) {
            byte[] bytes = new byte[random.nextInt(24)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(4) == 0 ? tricky[random.nextInt(tricky.length)] : (byte) ('a' + random.nextInt(26));
            }
            for (int from = 0; from <= bytes.length; from++) {
                byte[] tail = java.util.Arrays.copyOfRange(bytes, from, bytes.length);
                assertThat(JsonOut.cleanPrefix(bytes, from, asciiOnly))
                        .as(java.util.Arrays.toString(bytes) + " from " + from + " asciiOnly " + asciiOnly)
                        .isEqualTo(asciiOnly ? naiveAsciiPrefix(tail) : naiveCleanPrefix(tail));
            }
        }
    }

    @Test
    void should_escape_byte_for_byte_like_a_naive_escaper_when_the_reused_buffer_holds_older_bytes() {
        // The scan reads past each string's end into whatever the reused buffer held before (here: quotes,
        // backslashes and escape letters from a longer document); those bytes must never count.
        SplittableRandom random = new SplittableRandom(5);
        // '?', chars above 0xFF and pairs (which ISO-8859-1 turns into '?'), chars whose low byte is ASCII or a quote
        // (U+0100, U+0122, U+015C), Latin-1 chars >= 0x80: every way the ASCII fast path must hand over to UTF-8.
        String[] alphabet = {"a", "Z", "0", " ", "\"", "\\", "\n", "\t", "\u0000", "\u001f", "#", "]", "?", "é", "ÿ",
                "\u0080", "\u0100", "\u0122", "\u015c", "€", "😀", "\ud800"};
        JsonOut out = new JsonOut();
        String dirt = "\"\\\n\u0001".repeat(300);
        for (int round = 0; round < 3_000; round++) {
            out.reset();
            out.writeString(dirt);
            out.reset();
            String s = randomString(random, alphabet, random.nextInt(30));
            String t = randomString(random, alphabet, random.nextInt(30));
            out.writeStartArray();
            out.writeString(s);
            out.writeKey(t);
            out.writeEndArray();
            assertThat(out.text()).as(s + " / " + t)
                    .isEqualTo("[" + naiveQuoted(s) + "," + naiveQuoted(t) + ":]");
        }
    }

    @Test
    void should_write_repeated_fields_like_plain_ones_when_values_repeat_by_instance_by_content_or_change() {
        // The memo of writeRepeatedStringField hands out the bytes of the last values of a slot (six values here,
        // more than its ways, so some are evicted); whatever the
        // sequence (same instance, an equal copy, a longer or shorter value, escapes, null), the bytes must be
        // those of writeStringField.
        SplittableRandom random = new SplittableRandom(9);
        String[] alphabet = {"a", "Z", " ", "\"", "\\", "\n", "\u0001", "?", "é", "€", "😀", "\ud800"};
        String[] pool = new String[6];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = randomString(random, alphabet, random.nextInt(i * 12 + 1));
        }
        JsonOut memo = new JsonOut();
        JsonOut plain = new JsonOut();
        JsonOut.Name[] names = {JsonOut.name("f0"), JsonOut.name("f1"), JsonOut.name("f2")};
        for (int round = 0; round < 3_000; round++) {
            memo.reset();
            plain.reset();
            memo.writeStartObject();
            plain.writeStartObject();
            for (int slot = 0; slot < 3; slot++) {
                int pick = random.nextInt(pool.length + 2);
                String value = pick == pool.length ? null
                        : pick > pool.length ? new String(pool[random.nextInt(pool.length)]) : pool[pick];
                memo.writeRepeatedStringField(names[slot], value, slot);
                plain.writeStringField("f" + slot, value);
            }
            memo.writeEndObject();
            plain.writeEndObject();
            assertThat(memo.text()).isEqualTo(plain.text());
        }
    }

    @Test
    void should_write_named_fields_like_string_named_ones_when_names_are_encoded_once() {
        JsonOut named = new JsonOut();
        JsonOut plain = new JsonOut();
        JsonOut.Name a = JsonOut.name("@timestamp");
        JsonOut.Name b = JsonOut.name("b_2");
        byte[] ascii = "2024-01-02T03:04:05.678Z".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        named.writeStartObject();
        named.writePlainAsciiField(a, ascii, ascii.length);
        named.writeObjectFieldStart(b);
        named.writeStringField(a, "x\"y");
        named.writeNumberField(b, -7L);
        named.writeNumberField(a, 2.5);
        named.writeArrayFieldStart(b);
        named.writeString(null);
        named.writeEndArray();
        named.writeFieldName(a);
        named.writeBoolean(false);
        named.writeEndObject();
        named.writeEndObject();
        plain.writeStartObject();
        plain.writePlainAsciiField("@timestamp", ascii, ascii.length);
        plain.writeObjectFieldStart("b_2");
        plain.writeStringField("@timestamp", "x\"y");
        plain.writeNumberField("b_2", -7L);
        plain.writeNumberField("@timestamp", 2.5);
        plain.writeArrayFieldStart("b_2");
        plain.writeString(null);
        plain.writeEndArray();
        plain.writeFieldName("@timestamp");
        plain.writeBoolean(false);
        plain.writeEndObject();
        plain.writeEndObject();

        assertThat(named.text()).isEqualTo(plain.text())
                .isEqualTo("{\"@timestamp\":\"2024-01-02T03:04:05.678Z\",\"b_2\":{\"@timestamp\":\"x\\\"y\",\"b_2\":-7,"
                        + "\"@timestamp\":2.5,\"b_2\":[null],\"@timestamp\":false}}");
    }

    @Test
    void should_refuse_a_constant_field_name_that_would_need_escaping() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonOut.name("a\"b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_spell_long_numbers_as_long_to_string_does_when_they_have_any_sign_and_length() {
        SplittableRandom random = new SplittableRandom(13);
        java.util.List<Long> values = new java.util.ArrayList<>(java.util.List.of(0L, 1L, -1L, 9L, 10L, -10L, 99L, 100L,
                Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L));
        for (int i = 0; i < 2_000; i++) {
            values.add(random.nextLong() >> random.nextInt(64));
        }
        JsonOut out = new JsonOut();
        for (long value : values) {
            out.reset();
            out.writeStartArray();
            out.writeNumber(value);
            out.writeNumber(value);
            out.writeEndArray();
            assertThat(out.text()).isEqualTo("[" + value + "," + value + "]");
        }
    }

    private static String randomString(SplittableRandom random, String[] alphabet, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return s.toString();
    }

    private static String naiveQuoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        // UTF-8 turns a lone surrogate into '?'; round-tripping through it gives the text the writer must produce
        s = new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }

    private static int naiveAsciiPrefix(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if ((b[i] >= 0 && b[i] < 0x20) || b[i] == '"' || b[i] == '\\' || b[i] < 0 || b[i] == '?') {
                return i;
            }
        }
        return b.length;
    }

    private static int naiveCleanPrefix(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if ((b[i] >= 0 && b[i] < 0x20) || b[i] == '"' || b[i] == '\\') {
                return i;
            }
        }
        return b.length;
    }

    @Test
    void should_produce_parseable_nested_json_when_objects_arrays_numbers_and_keys_mix() throws Exception {
        JsonOut out = new JsonOut();
        out.writeStartObject();
        out.writeNumberField("long", -42L);
        out.writeNumberField("double", 1.5e-3);
        out.writeNumberField("nan", Double.NaN);
        out.writeArrayFieldStart("list");
        out.writeString("x");
        out.writeNull();
        out.writeBoolean(true);
        out.writeStartObject();
        out.writeKey("weird \"key\"\n");
        out.writeNumber(1L);
        out.writeEndObject();
        out.writeEndArray();
        out.writeObjectFieldStart("empty");
        out.writeEndObject();
        out.writeEndObject();

        JsonNode tree = JSON.readTree(out.text());

        assertThat(tree.path("long").asLong()).isEqualTo(-42L);
        assertThat(tree.path("double").asDouble()).isEqualTo(1.5e-3);
        assertThat(tree.path("nan").asText()).isEqualTo("NaN");
        assertThat(tree.path("list").get(3).path("weird \"key\"\n").asInt()).isEqualTo(1);
        assertThat(tree.path("empty").isEmpty()).isTrue();
    }

    @Test
    void should_start_clean_when_reset_between_documents() throws Exception {
        JsonOut out = new JsonOut();
        out.writeStartObject();
        out.writeStringField("a", "1");
        out.writeEndObject();
        out.reset();
        out.writeStartObject();
        out.writeStringField("b", "2".repeat(10_000));
        out.writeEndObject();

        assertThat(out.text()).startsWith("{\"b\":\"22");
        assertThat(JSON.readTree(out.text()).path("b").asText()).hasSize(10_000);
    }

    @Test
    void should_mark_a_string_fields_bytes_only_when_they_were_copied_unescaped_and_only_for_that_instance() {
        JsonOut out = new JsonOut();
        JsonOut.Name id = JsonOut.name("id");
        String plain = "orders-3-1234567";
        out.writeStartObject();
        out.writeMarkedStringField(id, plain);

        int at = out.markedAt(plain);
        assertThat(new String(out.buffer(), at, plain.length(), java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo(plain);
        assertThat(out.markedAt(new String(plain))).isEqualTo(-1);

        for (String special : new String[] {"a\"b", "caf\u00e9", "what?", "tab\t", "\u4e2d"}) {
            out.writeMarkedStringField(id, special);
            assertThat(out.markedAt(special)).as(special).isEqualTo(-1);
        }
        out.writeMarkedStringField(id, plain);
        assertThat(out.markedAt(plain)).isPositive();
        out.reset();
        assertThat(out.markedAt(plain)).isEqualTo(-1);
    }
}
