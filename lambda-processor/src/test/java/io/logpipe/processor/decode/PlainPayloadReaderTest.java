package io.logpipe.processor.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpipe.processor.config.Limits;
import io.logpipe.processor.model.RawLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

class PlainPayloadReaderTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String payload(String events) {
        return "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789012\",\"logGroup\":\"/ecs/orders\",\"logStream\":\"s\","
                + "\"subscriptionFilters\":[\"f\"],\"logEvents\":[" + events + "]}";
    }

    private static byte[] lambdaEvent(String payload) throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(bytes(payload));
        }
        return bytes("{\"awslogs\":{\"data\":\"" + Base64.getEncoder().encodeToString(gz.toByteArray()) + "\"}}");
    }

    @Test
    void should_read_plain_payloads_with_sanitised_messages() {
        byte[] b = bytes(payload("{\"id\":\"1\",\"timestamp\":1710000000000,\"message\":\"START \\\"x\\\"\\tat y\\/z\\\\\\n\"}"));

        PlainPayloadReader.Payload p = new PlainPayloadReader().read(b, b.length);

        assertThat(p).isNotNull();
        assertThat(p.logGroup()).isEqualTo("/ecs/orders");
        assertThat(p.events()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("1");
            assertThat(e.timestamp()).isEqualTo(1710000000000L);
            assertThat(e.message()).isEqualTo("START \"x\"\tat y/z\\");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"{ \"message\" : \"m\" , \"timestamp\" : 1 , \"id\" : \"1\" }",
            "{\"timestamp\":1,\"id\":\"0\",\"message\":\"x\",\"id\":\"1\",\"message\":\"m\"}"})
    void should_read_the_three_event_fields_in_any_order_and_spacing(String event) {
        byte[] b = bytes(payload(event));

        PlainPayloadReader.Payload p = new PlainPayloadReader().read(b, b.length);

        assertThat(p).isNotNull();
        assertThat(p.events()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("1");
            assertThat(e.timestamp()).isEqualTo(1L);
            assertThat(e.message()).isEqualTo("m");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"i\\u0064\":\"1\",\"timestamp\":1,\"message\":\"m\"}",
            "{\"id\":\"1\",\"timestamp\":1,\"\\/message\":\"m\"}", "{\"idx\":\"1\",\"timestamp\":1,\"message\":\"m\"}",
            "{\"id\":\"1\",\"timestampx\":1,\"message\":\"m\"}", "{\"id\":\"1\",\"timestamp\":1,\"messag\":\"m\"}",
            "{\"id\":\"1\",\"timestamp\":1,\"message\""})
    void should_leave_events_whose_field_names_are_not_exactly_the_three_to_jackson(String event) {
        byte[] b = bytes(payload(event));

        assertThat(new PlainPayloadReader().read(b, b.length)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"id\":\"1\",\"timestamp\":1,\"message\":\"a\\u001b[0m\"}", "{\"id\":\"1\",\"timestamp\":1,\"message\":\"a\\r\\n\"}",
            "{\"id\":\"1\",\"timestamp\":1,\"message\":\"caf\u00e9\"}", "{\"id\":\"1\",\"timestamp\":1,\"message\":\"del\u007f\"}",
            "{\"id\":\"\",\"timestamp\":1,\"message\":\"m\"}", "{\"id\":\"1\",\"timestamp\":-1,\"message\":\"m\"}",
            "{\"id\":\"1\",\"timestamp\":01,\"message\":\"m\"}", "{\"id\":\"1\",\"message\":\"m\"}", "{\"id\":1,\"timestamp\":1,\"message\":\"m\"}",
            "{\"id\":\"1\",\"timestamp\":1,\"message\":\"m\",\"extractedFields\":{}}", "{\"id\":\"1\",\"timestamp\":1,\"message\":\"m\"},"})
    void should_leave_anything_not_plain_to_jackson(String event) {
        byte[] b = bytes(payload(event));

        assertThat(new PlainPayloadReader().read(b, b.length)).isNull();
    }

    @Test
    void should_decode_exactly_what_the_jackson_path_decodes() throws IOException {
        String events = "{\"id\":\"1\",\"timestamp\":5,\"message\":\"{\\\"log\\\":\\\"\\\\tat a.B.c(B.java:1)\\\"}\\n\"},"
                + "{\"id\":\"2\",\"timestamp\":6,\"message\":\"java.lang.IllegalStateException: boom\"},"
                + "{\"id\":\"3\",\"timestamp\":7,\"message\":\"\\tat a.B.c(B.java:1)\"}";
        CloudWatchLogsDecoder decoder = new CloudWatchLogsDecoder(Limits.defaults());
        // the same events with one escaped u (never plain) make the decoder take the Jackson path
        DecodedBatch fast = decoder.decode(lambdaEvent(payload(events)));
        DecodedBatch slow = decoder.decode(lambdaEvent(payload(events + ",{\"id\":\"4\",\"timestamp\":8,\"message\":\"\\u0041\"}")));

        assertThat(fast.records()).isEqualTo(slow.records().subList(0, fast.records().size()));
        assertThat(slow.records().getLast().message()).isEqualTo("A");
        assertThat(fast.records().stream().map(RawLogRecord::message)).isNotEmpty();
    }

    /** JSON string literal of {@code text} with only the escapes a plain payload may use. */
    private static String plainLiteral(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain text", "", "{\"log\":\"x\"}", "{\"a\":1,\"log\":\"x\",\"log\":\"y\"}",
            "{\"log\":\"\"log\":\"z\"}", "\"log\":\"", "\"log\":", "\"log\"", "\"lo", "log\":\"x", "{\"log\": \"x\"}",
            "{\"partial_message\":\"true\",\"log\":\"x\"}", "{\"log\":\"a \\\"partial_message\\\" b\"}",
            "\\\"log\\\":\\\"x", "\\\"partial_message\\\"", "\"partial_message", "\"partial_message\"", "\"partial_messagex\"",
            "x\"\"partial_message\"\"log\":\"\"log\":\"", "{\"log\":\"\\tat a.B(C.java:1)\"}\n\n", "\"log\":\"\n"})
    void should_note_the_envelope_keys_a_search_of_each_message_would_find(String message) {
        byte[] b = bytes(payload("{\"id\":\"1\",\"timestamp\":1,\"message\":" + plainLiteral(message) + "}"));

        PlainPayloadReader.Payload p = new PlainPayloadReader().read(b, b.length);

        assertThat(p).isNotNull();
        assertThat(p.events()).singleElement().satisfies(e -> {
            assertThat(EnvelopeReaderTest.messageOf(e)).isEqualTo(TextSanitizer.trimLineEnds(message));
            assertThat(e.envelopeKeys()).isEqualTo(EnvelopeKeys.of(EnvelopeReaderTest.messageOf(e)));
        });
    }

    @Test
    void should_note_the_keys_of_each_message_apart() {
        byte[] b = bytes(payload("{\"id\":\"1\",\"timestamp\":1,\"message\":" + plainLiteral("{\"partial_message\":\"true\",\"log\":\"x\"}")
                + "},{\"id\":\"2\",\"timestamp\":1,\"message\":\"y\"},{\"id\":\"3\",\"timestamp\":1,\"message\":"
                + plainLiteral("{\"log\":\"z\"}") + "}"));

        PlainPayloadReader.Payload p = new PlainPayloadReader().read(b, b.length);

        assertThat(p.events()).extracting(PendingEvent::envelopeKeys)
                .containsExactly(EnvelopeKeys.pack(33, true), EnvelopeKeys.NONE, EnvelopeKeys.pack(8, false));
    }

    @Test
    void should_stop_at_the_first_special_byte_when_scanning_eight_bytes_at_a_time() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int round = 0; round < 50_000; round++) {
            byte[] bytes = stringBytes(random, random.nextInt(40));
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int expected = from;
            while (expected < bytes.length && bytes[expected] >= 0x20 && bytes[expected] != '"'
                    && bytes[expected] != '\\' && bytes[expected] != 0x7F) {
                expected++;
            }
            assertThat(PlainPayloadReader.plainRun(bytes, from, bytes.length)).as(java.util.Arrays.toString(bytes))
                    .isEqualTo(expected);
        }
    }

    @Test
    void should_copy_exactly_the_plain_run_and_refuse_one_longer_than_allowed() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(23);
        for (int round = 0; round < 30_000; round++) {
            byte[] bytes = stringBytes(random, random.nextInt(60));
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int run = PlainPayloadReader.plainRun(bytes, from, bytes.length) - from;
            int max = random.nextInt(4) == 0 ? random.nextInt(run + 1) : Integer.MAX_VALUE;
            byte[] out = new byte[7 + bytes.length + PlainPayloadReader.COPY_SLACK];
            java.util.Arrays.fill(out, (byte) '#');

            int copied = PlainPayloadReader.copyRun(bytes, from, bytes.length, out, 7, max);

            if (run > max) {
                assertThat(copied).isEqualTo(-1);
            } else {
                assertThat(copied).isEqualTo(run);
                assertThat(java.util.Arrays.copyOfRange(out, 7, 7 + run))
                        .isEqualTo(java.util.Arrays.copyOfRange(bytes, from, from + run));
                assertThat(java.util.Arrays.copyOfRange(out, 0, 7)).containsOnly((byte) '#');
            }
        }
    }

    /** Bytes as a payload's strings hold them: mostly printable ASCII, some quotes, backslashes, controls, DEL, non-ASCII. */
    private static byte[] stringBytes(java.util.SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(100);
            bytes[i] = (byte) (pick < 3 ? random.nextInt(0x20) : pick < 5 ? '"' : pick < 7 ? '\\'
                    : pick < 9 ? 0x7F : pick < 13 ? 0x80 + random.nextInt(0x80) : 0x20 + random.nextInt(0x5F));
        }
        return bytes;
    }
}
