package io.logpipe.processor.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.json.QuickJsonReader;
import io.logpipe.processor.model.PreReadEnvelope;
import io.logpipe.processor.testing.TestPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * The FireLens envelope read straight from the payload must give exactly what the slow way gives: the message as
 * the payload reader unescapes it, its {@link EnvelopeKeys} as a search finds them, the fields as
 * {@link QuickJsonReader} reads the message, and the same documents at the end of the pipeline.
 */
class EnvelopeReaderTest {

    static String payload(List<String> messages, boolean plain) {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < messages.size(); i++) {
            events.append(i == 0 ? "" : ",").append("{\"id\":\"").append(37000000 + i).append("\",\"timestamp\":")
                    .append(1710000000000L + i).append(",\"message\":").append(literal(messages.get(i)))
                    .append(plain ? "" : ",\"extra\":true").append('}');     // an extra field: the Jackson path
        }
        return "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789012\",\"logGroup\":\"/ecs/firelens/orders-prod\","
                + "\"logStream\":\"orders-firelens-0f1e\",\"subscriptionFilters\":[\"f\"],\"logEvents\":[" + events + "]}";
    }

    /** A JSON string literal of {@code text} with only the escapes a plain payload may use. */
    private static String literal(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }

    static String lambdaEvent(String payload) {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(payload.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return "{\"awslogs\":{\"data\":\"" + Base64.getEncoder().encodeToString(gz.toByteArray()) + "\"}}";
    }

    static PendingEvent readOne(String message) {
        byte[] b = payload(List.of(message), true).getBytes(StandardCharsets.UTF_8);
        PlainPayloadReader.Payload p = new PlainPayloadReader().read(b, b.length);
        assertThat(p).as(message).isNotNull();
        return p.events().getFirst();
    }

    /** {@code text} with one to three chars of {@code alphabet} inserted, put in place of others, or deleted. */
    static String mutated(Random random, String text, String alphabet) {
        StringBuilder out = new StringBuilder(text);
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int at = random.nextInt(out.length());
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            switch (random.nextInt(3)) {
                case 0 -> out.insert(at, c);
                case 1 -> out.setCharAt(at, c);
                default -> out.deleteCharAt(at);
            }
        }
        return out.toString();
    }

    /**
     * The event's message: its own, or the one its pre-read envelope carries (unescaped on demand), whose length
     * must be known without unescaping.
     */
    static String messageOf(PendingEvent e) {
        if (e.envelope() == null && e.record() == null) {
            return e.message();
        }
        assertThat(e.message()).isNull();
        String message = e.envelope() != null ? e.envelope().message() : e.record().message();
        int length = e.envelope() != null ? e.envelope().messageLength() : e.record().messageLength();
        assertThat(length).isEqualTo(message.length());
        return message;
    }

    /** What the parse stage read from the message before: QuickJsonReader's record, with log apart. */
    private static PreReadEnvelope slowly(String message) {
        Map<String, Object> record = new QuickJsonReader(20, 1000).readObject(message);
        assertThat(record).as(message).isNotNull();
        Object log = record.remove("log");
        return new PreReadEnvelope(record, (String) log);
    }

    private static String envelope(Random random) {
        String[] logs = {
                "{\"timestamp\":\"2024-03-12T18:46:06.459Z\",\"level\":\"INFO\",\"message\":\"Order \\\"88231\\\" created\",\"path\":\"C:\\\\tmp\\/x\"}",
                "time=2024-03-12T18:46:06.509Z level=debug msg=\"Request completed\" path=/a/b",
                "2024-03-12 18:46:06 ERROR [main] c.a.Service - boom\n\tat c.a.Service.run(Service.java:12)\n",
                "10.0.0.1 - - [12/Mar/2024:18:46:06 +0000] \"GET /x?y=1 HTTP/1.1\" 200 12 \"-\" \"curl/8\"",
                "\tat com.acme.Thing.call(Thing.java:42)", "", "back\\slash and /slash and \"quotes\" and tab\t.",
                // continuation shapes the joiner tests on each envelope's log line
                "java.lang.IllegalStateException: boom", "Caused by: java.io.IOException: reset", "\t... 12 more",
                "Traceback (most recent call last):", "  File \"/app/x.py\", line 3, in f", "    raise ValueError(\"bad\")",
                "ValueError: bad", "During handling of the above exception, another exception occurred:",
                "    at Object.<anonymous> (/app/index.js:3:9)", "fail: Orders.Api[0]", "      Request failed"};
        List<String> fields = new ArrayList<>();
        fields.add("\"container_id\":\"" + Long.toHexString(random.nextLong()) + "-" + random.nextInt(1 << 30) + "\"");
        fields.add("\"container_name\":\"/ecs-orders-" + random.nextInt(9) + "\"");
        fields.add("\"ecs_cluster\":\"prod\"");
        fields.add("\"ecs_task_arn\":\"arn:aws:ecs:eu-west-1:123456789012:task/prod/" + Long.toHexString(random.nextLong()) + "\"");
        fields.add("\"ecs_task_definition\":\"orders-prod:" + random.nextInt(120) + "\"");
        fields.add("\"log\":" + jsonString(logs[random.nextInt(logs.length)]));
        fields.add("\"source\":\"" + (random.nextBoolean() ? "stdout" : "stderr") + "\"");
        java.util.Collections.rotate(fields, random.nextInt(fields.size()));  // the key order varies too
        if (random.nextInt(4) == 0) {                                        // a quoted "log": inside a value
            fields.add(1 + random.nextInt(fields.size()), "\"extra_key\":\"x\\\"log\\\":\\\"y\"");
        }
        return "{" + String.join(",", fields) + "}";
    }

    /** A JSON string literal as a JSON writer would make it, with the escapes the reader must undo. */
    private static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t")
                .replace("/", "\\/") + "\"";
    }

    @Test
    void should_read_envelopes_exactly_as_unescaping_the_message_and_reading_it_as_json_would() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            String message = envelope(random);

            PendingEvent e = readOne(message);

            assertThat(messageOf(e)).isEqualTo(message);
            assertThat(e.envelopeKeys()).as(message).isEqualTo(EnvelopeKeys.of(message));
            assertThat(e.envelope()).as(message).isNotNull();
            PreReadEnvelope slow = slowly(message);
            assertThat(e.envelope().log()).isEqualTo(slow.log());
            assertThat(new ArrayList<>(e.envelope().fields().entrySet())).as(message)
                    .isEqualTo(new ArrayList<>(slow.fields().entrySet()));       // same fields, same order
        }
    }

    @Test
    void should_agree_with_the_slow_reading_on_mutated_envelopes_or_leave_them_to_it() {
        Random random = new Random(5);
        String alphabet = "\"\\/ntrub{}[]:,x0 \t\n";
        int taken = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = mutated(random, envelope(random), alphabet);

            PendingEvent e = readOne(text);

            assertThat(messageOf(e)).isEqualTo(TextSanitizer.trimLineEnds(text));
            assertThat(e.envelopeKeys()).as(text).isEqualTo(EnvelopeKeys.of(messageOf(e)));
            if (e.envelope() != null) {
                taken++;
                QuickJsonReader reader = new QuickJsonReader(20, 1000);
                Map<String, Object> record = reader.readObject(messageOf(e));
                assertThat(record).as(text).isNotNull().containsEntry("log", e.envelope().log());
                assertThat(reader.lastObjectWasPlainText()).as(text).isTrue();   // the parse stage assumes it
                record.remove("log");
                assertThat(new ArrayList<>(e.envelope().fields().entrySet())).as(text)
                        .isEqualTo(new ArrayList<>(record.entrySet()));
            }
        }
        assertThat(taken).isBetween(1_000, 19_000);                         // both ways were exercised
    }

    @Test
    void should_keep_the_last_of_repeated_keys_where_the_first_stood_as_a_json_record_does() {
        String message = "{\"source\":\"a\",\"log\":\"one\",\"container_id\":\"c\",\"source\":\"b\",\"log\":\"two\"}";

        PendingEvent e = readOne(message);

        assertThat(e.envelope()).isEqualTo(slowly(message));
        assertThat(e.envelope().fields()).containsExactly(Map.entry("source", "b"), Map.entry("container_id", "c"));
    }

    @Test
    void should_hand_out_the_same_string_when_a_value_repeats_under_its_key() {
        List<String> messages = List.of(
                "{\"container_id\":\"c1\",\"ecs_cluster\":\"prod\",\"source\":\"stdout\",\"log\":\"a\"}",
                "{\"container_id\":\"c2\",\"ecs_cluster\":\"prod\",\"source\":\"stderr\",\"log\":\"a\"}",
                "{\"container_id\":\"c2\",\"ecs_cluster\":\"prodx\",\"source\":\"stdout\",\"log\":\"a\"}",
                "{\"container_id\":\"c2\",\"ecs_cluster\":\"prod\",\"source\":\"stdout\",\"log\":\"a\"}");
        byte[] b = payload(messages, true).getBytes(StandardCharsets.UTF_8);

        List<PendingEvent> events = new PlainPayloadReader().read(b, b.length).events();

        for (int i = 0; i < messages.size(); i++) {
            assertThat(events.get(i).envelope()).isEqualTo(slowly(messages.get(i)));
        }
        Map<String, Object> first = events.get(0).envelope().fields();
        Map<String, Object> second = events.get(1).envelope().fields();
        Map<String, Object> third = events.get(2).envelope().fields();
        Map<String, Object> fourth = events.get(3).envelope().fields();
        assertThat(second.get("ecs_cluster")).isSameAs(first.get("ecs_cluster"));
        assertThat(fourth.get("container_id")).isSameAs(third.get("container_id")).isSameAs(second.get("container_id"));
        assertThat(third.get("ecs_cluster")).isEqualTo("prodx");                // a longer value is no repeat
        assertThat(fourth.get("ecs_cluster")).isEqualTo("prod").isNotSameAs(first.get("ecs_cluster"));
        assertThat(third.get("source")).isEqualTo("stdout").isNotSameAs(first.get("source"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"timestamp\":\"t\",\"log\":\"x\",\"container_id\":\"c\"}",       // first key not one FireLens writes
            "{\"container_id\":\"c\"}", "{\"container_id\":\"c\",\"log\":1}", "{\"container_id\":{\"a\":\"b\"},\"log\":\"x\"}",
            "{\"container_id\":\"c\",\"log\":\"x\",\"partial_message\":\"true\"}", "{\"log\":\"x\",\"source\":\"partial_message\"}",
            "{\"container_id\":\"c\", \"log\":\"x\"}", "{\"container_id\":\"c\",\"log\":\"x\"} ", "{\"log\":\"a\\rb\"}",
            "{\"log\":\"\\u001b[0m\"}", "{\"log\":\"a\tb\"}", "{\"log\":\"x\"", "{\"log\":\"x\",}", "[\"log\"]",
            "{\"log\":\"x\"}{\"log\":\"y\"}", "plain text"})
    void should_leave_anything_but_a_plain_flat_envelope_to_the_usual_reading(String message) {
        PendingEvent e = readOne(message);

        assertThat(e.envelope()).isNull();
        assertThat(messageOf(e)).isEqualTo(TextSanitizer.trimLineEnds(message));   // as is, or as a JSON line
        assertThat(e.envelopeKeys()).isEqualTo(EnvelopeKeys.of(messageOf(e)));
    }

    @Test
    void should_refuse_envelopes_with_more_fields_than_the_json_limit() {
        String message = "{\"source\":\"s\",\"log\":\"x\",\"container_id\":\"c\"}";
        byte[] b = payload(List.of(message), true).getBytes(StandardCharsets.UTF_8);

        assertThat(new PlainPayloadReader(2).read(b, b.length).events().getFirst().envelope()).isNull();
        assertThat(new PlainPayloadReader(3).read(b, b.length).events().getFirst().envelope()).isNotNull();
    }

    @Test
    void should_leave_envelopes_with_more_than_sixteen_other_fields_to_the_usual_reading() {
        PendingEvent sixteen = readOne(envelopeWithExtraFields(15));      // container_id and 15 more
        PendingEvent seventeen = readOne(envelopeWithExtraFields(16));

        assertThat(sixteen.envelope()).isEqualTo(slowly(envelopeWithExtraFields(15)));
        assertThat(sixteen.envelope().fieldCount()).isEqualTo(16);
        assertThat(seventeen.envelope()).isNull();
        assertThat(seventeen.message()).isEqualTo(envelopeWithExtraFields(16));
    }

    private static String envelopeWithExtraFields(int extra) {
        StringBuilder m = new StringBuilder("{\"container_id\":\"c\",\"log\":\"hello\"");
        for (int i = 0; i < extra; i++) {
            m.append(",\"k").append(i).append("\":\"v").append(i).append('"');
        }
        return m.append('}').toString();
    }

    @Test
    void should_leave_envelopes_over_a_mebibyte_to_the_usual_reading() {
        String big = "{\"container_id\":\"c\",\"log\":\"" + "x\\\"y".repeat(300_000) + "\"}";
        String small = "{\"container_id\":\"c\",\"log\":\"ok\"}";
        byte[] b = payload(List.of(big, small), true).getBytes(StandardCharsets.UTF_8);

        PlainPayloadReader.Payload p = new PlainPayloadReader().read(b, b.length);

        assertThat(big.length()).isGreaterThan(1 << 20);
        assertThat(p.events().get(0).envelope()).isNull();
        assertThat(messageOf(p.events().get(0))).isEqualTo(big);
        assertThat(p.events().get(1).envelope()).isNotNull();
    }

    @Test
    void should_give_the_same_documents_as_the_jackson_path_which_reads_no_envelope() {
        Random random = new Random(7);
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            messages.add(envelope(random));
        }
        messages.add("{\"log\":\"plain line\",\"source\":\"stdout\"}");                // an envelope by its size alone
        messages.add("{\"log\":\"not an envelope\",\"source\":\"stdout\",\"a\":\"b\",\"c\":\"d\"}");
        messages.add(envelopeWithExtraFields(16));                               // past the reader's sixteen fields
        messages.add("{\"source\":\"app\",\"z\":\"1\",\"container_id\":\"c\",\"log\":\"x\",\"a\":\"2\",\"z\":\"3\"}");
        TestPipeline pipeline = new TestPipeline();

        TestPipeline.Run fast = pipeline.cloudWatch(lambdaEvent(payload(messages, true)));
        TestPipeline.Run slow = pipeline.cloudWatch(lambdaEvent(payload(messages, false)));

        assertThat(fast.deadLetters()).isEmpty();
        assertThat(fast.documents()).hasSizeBetween(60, 250);              // stack-trace lines join their event
        assertThat(fast.ndjson()).isEqualTo(slow.ndjson());
        JsonNode own = fast.documents().getLast().at("/attributes");            // attributes in the record's order
        assertThat(own.toString()).isEqualTo("{\"source\":\"app\",\"z\":\"3\",\"a\":\"2\"}");
        assertThat(fast.documents().get(fast.documents().size() - 3).at("/attributes/log").asText())
                .isEqualTo("not an envelope");
    }

    @Test
    void should_hand_the_envelope_to_the_record_and_drop_it_when_joining_rewrites_the_message() {
        String head = "{\"container_id\":\"c\",\"log\":\"java.lang.IllegalStateException: boom\",\"source\":\"stderr\"}";
        String frame = "{\"container_id\":\"c\",\"log\":\"\\tat a.B.c(B.java:1)\",\"source\":\"stderr\"}";
        String alone = "{\"container_id\":\"c\",\"log\":\"hello\",\"source\":\"stdout\"}";
        CloudWatchLogsDecoder decoder = new CloudWatchLogsDecoder(io.logpipe.processor.config.Limits.defaults());

        DecodedBatch batch = decoder.decode(lambdaEvent(payload(List.of(head, frame, alone), true)).getBytes(StandardCharsets.UTF_8));

        assertThat(batch.records()).hasSize(2);
        assertThat(batch.records().get(0).envelope()).isNull();
        assertThat(batch.records().get(0).message()).contains("boom\\n\\tat a.B.c");
        assertThat(batch.records().get(1).envelope()).isEqualTo(new PreReadEnvelope(
                new LinkedHashMap<>(Map.of("container_id", "c", "source", "stdout")), "hello"));
        assertThat(batch.records().get(1).message()).isEqualTo(alone);        // what a dead letter shows
        assertThat(batch.records().get(1).messageLength()).isEqualTo(alone.length());
    }
}
