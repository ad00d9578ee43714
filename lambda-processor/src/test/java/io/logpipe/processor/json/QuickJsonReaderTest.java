package io.logpipe.processor.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuickJsonReaderTest {

    private static Object jackson(String text, int maxDepth, int maxFields) {
        try (JsonParser p = Json.FACTORY.createParser(text)) {
            p.nextToken();
            Object value = new BoundedJsonReader(maxDepth, maxFields).readValue(p, 0);
            return p.nextToken() == null ? value : null;
        } catch (Exception e) {
            return null;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}", "{\"a\":1}", "{\"a\":-0,\"b\":0,\"c\":123456789012345678}", "{\"a\":1.5,\"b\":-2e3,\"c\":1E+2,\"d\":0.1e-7}",
            "{\"a\":true,\"b\":false,\"c\":null}", "{ \"a\" : [ 1 , \"x\" , {\"b\":[]} ] }\n", "{\"a\":\"q\\\"b\\\\s\\/n\\nt\\tr\\rb\\bf\\f\"}",
            "{\"u\":\"\\u00e9\\u001b[0m\\ud83d\\ude00\\u0800\\uffff\\u007f\\uD800\"}", "{\"a\":1,\"a\":2}", "{\"café\":\"✓\"}",
            "{\"k\\u00e9y\":\"v\",\"\\\"q\":1}", "{\"mixed\":\"é \\\" \\u00e9 😀 \\ud83d\\ude00 ✓\",\"b\":\"Ω\"}",
            "{\"del\":\"a\u007fb\",\"latin\":\"\u00ff\u0080\"}",
            "{\"service\":{\"name\":\"x\",\"environment\":\"prod\"},\"user\":{\"id\":42}}"})
    void should_read_plain_records_exactly_as_jackson_does(String text) {
        Object quick = new QuickJsonReader(20, 1000).readObject(text);

        assertThat(quick).isNotNull().isEqualTo(jackson(text, 20, 1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"a\":01}", "{\"a\":+1}", "{\"a\":.5}", "{\"a\":1.}", "{\"a\":1234567890123456789}", "{\"a\":NaN}",
            "{\"a\":tru}", "{\"a\":truex}", "{\"a\":1,}", "{\"a\" 1}", "{'a':1}", "{\"a\":\"x\ty\"}", "{\"a\":\"\\x\"}",
            "{\"a\":\"\\u12G4\"}", "{\"a\":1} {}", "{\"a\":1}x", "{\"a\":[1,2,]}", "{\"a\":{\"b\":{\"c\":1}}}",
            "{\"a\":1,\"b\":2,\"c\":3,\"d\":4}", "{\"a\":\"unterminated}"})
    void should_leave_everything_odd_to_jackson(String text) {
        // depth 2 and 4 fields: the last two lines break the limits; the rest are not plain JSON
        assertThat(new QuickJsonReader(2, 3).readObject(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"log\":\"GET /x 200\",\"n\":1}", "{\"log\":\"a\\n\\tb \\\"q\\\" c\\\\d\\/e\"}",
            "{\"a\":[\"x\",{\"b\":\"y\"}],\"c\":true}"})
    void should_report_plain_text_when_no_string_holds_anything_text_hygiene_would_change(String text) {
        QuickJsonReader reader = new QuickJsonReader(20, 1000);

        assertThat(reader.readObject(text)).isNotNull();
        assertThat(reader.lastObjectWasPlainText()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"log\":\"\\u001b[32mINFO\"}", "{\"log\":\"a\\rb\"}", "{\"log\":\"a\\bb\"}",
            "{\"log\":\"a\\fb\"}", "{\"log\":\"caf\u00e9\"}", "{\"caf\u00e9\":\"x\"}", "{\"log\":\"del\u007f\"}",
            "{\"a\":\"x\",\"log\":\"\\u0041\"}"})
    void should_not_report_plain_text_when_a_string_may_need_hygiene(String text) {
        QuickJsonReader reader = new QuickJsonReader(20, 1000);
        reader.readObject("{\"log\":\"plain\"}");

        assertThat(reader.readObject(text)).isNotNull();
        assertThat(reader.lastObjectWasPlainText()).isFalse();
    }

    @org.junit.jupiter.api.Test
    void should_read_records_in_sequence_exactly_as_jackson_does_when_their_keys_repeat_and_collide() {
        QuickJsonReader reader = new QuickJsonReader(20, 1000);
        for (int record = 0; record < 300; record++) {
            StringBuilder text = new StringBuilder("{");
            for (int k = 0; k < 8; k++) {
                int key = (record * 7 + k * 13) % 600;             // 600 names through a 256-slot table
                text.append(k == 0 ? "" : ",").append("\"key").append(key).append("\":").append(key);
            }
            String json = text.append(",\"msg\":\"m\",\"level\":\"INFO\"}").toString();

            assertThat(reader.readObject(json)).as(json).isEqualTo(jackson(json, 20, 1000));
        }
    }

    @org.junit.jupiter.api.Test
    void should_read_records_in_sequence_exactly_as_jackson_does_when_their_values_repeat_and_nearly_repeat() {
        QuickJsonReader reader = new QuickJsonReader(20, 1000);
        java.util.Random random = new java.util.Random(7);
        // values of many lengths, equal lengths differing in one or two chars (what a per-record value cache
        // must not confuse), plus unique, empty, escaped, nested and long ones
        String[] pool = new String[60];
        for (int i = 0; i < pool.length; i++) {
            char[] v = "arn:aws:ecs:eu-west-1:123456789012:task/prod/0123456789abcdef".substring(0, 3 + i % 50).toCharArray();
            v[v.length / 2] = (char) ('a' + i % 7);
            v[v.length > 4 ? 1 : 0] = (char) ('0' + i % 10);
            pool[i] = new String(v);
        }
        for (int record = 0; record < 2000; record++) {
            StringBuilder text = new StringBuilder("{\"id\":\"").append(random.nextLong()).append('"');
            for (int k = 0; k < 6; k++) {
                text.append(",\"k").append(k).append("\":\"").append(pool[random.nextInt(pool.length)]).append('"');
            }
            text.append(",\"e\":\"\",\"q\":\"a\\\"b\",\"nested\":{\"v\":[\"").append(pool[random.nextInt(pool.length)])
                    .append("\"]},\"long\":\"").append("x".repeat(120 + random.nextInt(20))).append("\"}");
            String json = text.toString();

            assertThat(reader.readObject(json)).as(json).isEqualTo(jackson(json, 20, 1000));
        }
    }

    @org.junit.jupiter.api.Test
    void should_read_random_records_of_mixed_scripts_and_escapes_exactly_as_jackson_does() {
        QuickJsonReader reader = new QuickJsonReader(20, 1000);
        java.util.Random random = new java.util.Random(11);
        // plain ASCII runs longer and shorter than a word, every JSON escape, Latin-1, BMP and astral chars,
        // raw and escaped, in keys and values
        String[] pieces = {"a", "plain-run-of-ascii", "0123456789abcdef", " ", "\\\"", "\\\\", "\\/", "\\n", "\\t",
                "\\r", "\\b", "\\f", "\\u0041", "\\u00e9", "\\u20ac", "\\ud83d\\ude00", "é", "ÿ", "€", "😀", "\u007f",
                "\\u001b", "?"};
        int accepted = 0;
        for (int record = 0; record < 3000; record++) {
            StringBuilder text = new StringBuilder("{");
            int fields = 1 + random.nextInt(5);
            for (int f = 0; f < fields; f++) {
                text.append(f == 0 ? "\"" : ",\"").append(randomText(random, pieces, 3)).append(f).append("\":\"")
                        .append(randomText(random, pieces, 12)).append('"');
            }
            String json = text.append('}').toString();

            Object quick = reader.readObject(json);
            assertThat(quick).as(json).isEqualTo(jackson(json, 20, 1000));
            accepted += quick == null ? 0 : 1;
        }
        assertThat(accepted).isEqualTo(3000);
    }

    private static String randomText(java.util.Random random, String[] pieces, int maxPieces) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(maxPieces + 1); i > 0; i--) {
            s.append(pieces[random.nextInt(pieces.length)]);
        }
        return s.toString();
    }
}
