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
}
