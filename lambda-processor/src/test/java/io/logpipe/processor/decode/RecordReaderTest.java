package io.logpipe.processor.decode;

import static io.logpipe.processor.decode.EnvelopeReaderTest.lambdaEvent;
import static io.logpipe.processor.decode.EnvelopeReaderTest.messageOf;
import static io.logpipe.processor.decode.EnvelopeReaderTest.mutated;
import static io.logpipe.processor.decode.EnvelopeReaderTest.payload;
import static io.logpipe.processor.decode.EnvelopeReaderTest.readOne;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpipe.processor.json.QuickJsonReader;
import io.logpipe.processor.testing.TestPipeline;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JSON line read straight from the payload must give exactly what the slow way gives: the message as the payload
 * reader unescapes it, the record as {@link QuickJsonReader} reads that message (same values, types and order), and
 * the same documents at the end of the pipeline.
 */
class RecordReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void should_read_json_lines_exactly_as_unescaping_the_message_and_reading_it_as_json_would() {
        Random random = new Random(42);
        int taken = 0;
        for (int i = 0; i < 3000; i++) {
            String message = record(random, 0) + (random.nextInt(4) == 0 ? "\n" : "");
            boolean plain = !message.contains("\\r") && !message.matches("(?s).*\\d{19}.*");

            PendingEvent e = readOne(message);

            assertThat(messageOf(e)).isEqualTo(TextSanitizer.trimLineEnds(message));
            assertThat(e.envelopeKeys()).as(message).isEqualTo(EnvelopeKeys.of(messageOf(e)));
            assertThat(e.record() != null).as(message).isEqualTo(plain);   // only \\r and 19-digit numbers are refused
            if (e.record() != null) {
                taken++;
                assertSameAsSlowReading(e, message);
            }
        }
        assertThat(taken).isGreaterThan(1000);
    }

    @Test
    void should_agree_with_the_slow_reading_on_mutated_records_or_leave_them_to_it() {
        Random random = new Random(5);
        String alphabet = "\"\\/ntrub{}[]:,x0-.eE \t\n";
        int taken = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = mutated(random, record(random, 0), alphabet);

            PendingEvent e = readOne(text);

            assertThat(messageOf(e)).isEqualTo(TextSanitizer.trimLineEnds(text));
            assertThat(e.envelopeKeys()).as(text).isEqualTo(EnvelopeKeys.of(messageOf(e)));
            if (e.record() != null) {
                taken++;
                assertSameAsSlowReading(e, text);
            }
        }
        assertThat(taken).isBetween(1_000, 19_000);               // both ways were exercised
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"log\":{\"a\":1},\"b\":2}", "{\"a\":1,\"log\":\"x\"}", "{\"a\":\"partial_message\"}",
            "{\"a\":12345678901234567890}", "{\"a\":\"x\\ry\"}", "{\"a\":\"\\u0041\"}",
            "{\"a\":1} ", "{\"a\":\n1}", "{\"a\":1}{\"b\":2}", "{}", "{\"a\":tru}", "{\"a\":01}", "[1,2]",
            "{\"a\":\"x\ty\"}"})
    void should_leave_anything_but_a_plain_json_line_to_the_usual_reading(String message) {
        PendingEvent e = readOne(message);

        assertThat(e.record()).isNull();
        assertThat(e.message()).isEqualTo(TextSanitizer.trimLineEnds(message));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"n\":-0,\"e\":1e5,\"f\":1.5E-3,\"g\":0.1,\"h\":-12.25,\"i\":123456789012345678,\"j\":null,\"k\":[]}",
            "{\"a\": {\"b\" : [true, false, null, \"x\\\\y\\/z\\\"q\\\"\"]} , \"c\":\"\"}",
            "{\"a\":\"line\\nnext\\ttab\"}\n"})
    void should_read_numbers_literals_spaces_and_escapes_as_the_slow_reading_does(String message) {
        PendingEvent e = readOne(message);

        assertThat(e.record()).as(message).isNotNull();
        assertSameAsSlowReading(e, message);
    }

    @Test
    void should_refuse_records_deeper_or_larger_than_the_json_limits() {
        String deep = "{\"a\":".repeat(30) + "1" + "}".repeat(30);
        byte[] b = payload(List.of(deep, "{\"a\":1,\"b\":2,\"c\":3}"), true).getBytes(StandardCharsets.UTF_8);

        assertThat(new PlainPayloadReader(20, 1000).read(b, b.length).events().get(0).record()).isNull();
        assertThat(new PlainPayloadReader(40, 1000).read(b, b.length).events().get(0).record()).isNotNull();
        assertThat(new PlainPayloadReader(40, 2).read(b, b.length).events().get(1).record()).isNull();
        assertThat(new PlainPayloadReader(40, 3).read(b, b.length).events().get(1).record()).isNotNull();
    }

    @Test
    void should_hand_out_the_same_name_instances_when_names_recur() {
        byte[] b = payload(List.of("{\"level\":\"info\"}", "{\"level\":\"warn\"}"), true).getBytes(StandardCharsets.UTF_8);

        List<PendingEvent> events = new PlainPayloadReader().read(b, b.length).events();

        String first = events.get(0).record().fields().keySet().iterator().next();
        assertThat(events.get(1).record().fields().keySet().iterator().next()).isSameAs(first);
    }

    @Test
    void should_give_the_same_documents_as_the_jackson_path_which_reads_no_record() {
        Random random = new Random(7);
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            messages.add(record(random, 0));
        }
        messages.add("{\"level\":\"error\",\"msg\":\"boom\"}");
        messages.add("\tat com.acme.Orders.place(Orders.java:42)");   // a frame after a JSON line joins it
        messages.add("{\"level\":\"info\"}");                         // no message field: the line is the message
        TestPipeline pipeline = new TestPipeline();

        TestPipeline.Run fast = pipeline.cloudWatch(lambdaEvent(payload(messages, true)));
        TestPipeline.Run slow = pipeline.cloudWatch(lambdaEvent(payload(messages, false)));

        assertThat(fast.deadLetters()).isEmpty();
        assertThat(fast.documents()).hasSize(messages.size() - 1);
        assertThat(fast.ndjson()).isEqualTo(slow.ndjson());
        assertThat(fast.documents().getLast().at("/message").asText()).isEqualTo("{\"level\":\"info\"}");
    }

    private static void assertSameAsSlowReading(PendingEvent e, String message) {
        QuickJsonReader reader = new QuickJsonReader(20, 1000);
        Map<String, Object> slow = reader.readObject(TextSanitizer.trimLineEnds(message));
        assertThat(slow).as(message).isNotNull();
        assertThat(reader.lastObjectWasPlainText()).as(message).isTrue();       // the parse stage assumes it
        assertThat(write(e.record().fields())).as(message).isEqualTo(write(slow));   // values, types and order
        assertThat(e.record().fields()).isEqualTo(slow);
    }

    private static String write(Map<String, Object> record) {
        try {
            return JSON.writeValueAsString(record) + types(record);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The Java types of the values, depth first: a Long and a Double of equal text must not pass for each other. */
    private static String types(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            map.values().forEach(v -> out.append(types(v)).append(','));
            return out.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            list.forEach(v -> out.append(types(v)).append(','));
            return out.append(']').toString();
        }
        return value == null ? "null" : value.getClass().getSimpleName();
    }

    /** A random JSON log record: nested objects and arrays, numbers of every form, strings with escapes. */
    private static String record(Random random, int depth) {
        StringBuilder out = new StringBuilder("{");
        int n = 1 + random.nextInt(depth == 0 ? 10 : 4);
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : random.nextInt(10) == 0 ? " , " : ",");
            out.append(string(random, KEYS[random.nextInt(KEYS.length)])).append(random.nextInt(10) == 0 ? ": " : ":");
            out.append(value(random, depth));
        }
        return out.append('}').toString();
    }

    private static final String[] KEYS = {"timestamp", "level", "message", "msg", "logger", "thread", "traceId",
        "user", "http", "duration_ms", "amount", "tags", "a\"b", "path/x", "k\\v", "password", "service"};
    private static final String[] WORDS = {"Order created", "GET /api/v1/orders?page=2", "line\nnext", "tab\there",
        "quote \"q\"", "back\\slash", "", "x", "a/b/c", "Bearer abc.def", "4111 1111 1111 1111", "r\rn"};

    private static String value(Random random, int depth) {
        return switch (random.nextInt(depth < 2 ? 9 : 7)) {
            case 0, 1, 2 -> string(random, WORDS[random.nextInt(WORDS.length)]);
            case 3 -> String.valueOf(random.nextInt(2_000_000) - 1_000_000);
            case 4 -> switch (random.nextInt(5)) {
                case 0 -> (random.nextInt(1000) / 8.0) + "";
                case 1 -> "1.5e" + (random.nextInt(20) - 10);
                case 2 -> "-0.0" + random.nextInt(100);
                case 3 -> String.valueOf(random.nextLong());
                default -> "12345678901234567890";
            };
            case 5 -> random.nextBoolean() ? "true" : random.nextBoolean() ? "false" : "null";
            case 6 -> "[" + string(random, "x") + "," + random.nextInt(9) + "]";
            case 7 -> record(random, depth + 1);
            default -> "[" + record(random, depth + 1) + "]";
        };
    }

    /** A JSON string literal as a JSON writer would make it (sometimes escaping '/' too). */
    private static String string(Random random, String s) {
        String escaped = s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t")
                .replace("\r", "\\r");
        return "\"" + (random.nextInt(5) == 0 ? escaped.replace("/", "\\/") : escaped) + "\"";
    }
}
