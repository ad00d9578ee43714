package io.logpipe.processor.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

class BulkActionWriterTest {

    /** The line as Jackson's escaper writes it: what every id, plain or not, must come out as. */
    private static byte[] jacksonLine(String index, String id) throws IOException {
        JsonStringEncoder escaper = JsonStringEncoder.getInstance();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("{\"create\":{\"_index\":\"".getBytes(StandardCharsets.US_ASCII));
        out.write(escaper.quoteAsUTF8(index));
        out.write("\",\"_id\":\"".getBytes(StandardCharsets.US_ASCII));
        out.write(escaper.quoteAsUTF8(id));
        out.write("\"}}\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"36917284527394856123948576234985762349857623498576234985", "orders-3-1234567", "",
            "a\"b", "back\\slash", "tab\there", "new\nline", "caf\u00e9", "\u4e2d\u6587", "what?", "\ud83d\ude00",
            "ctl\u0001x", "del\u007fx"})
    void should_write_the_same_line_as_jacksons_escaper_when_ids_are_plain_or_not(String id) throws IOException {
        BulkActionWriter writer = new BulkActionWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        writer.writeCreate("app-logs", "first-id", out);
        writer.writeCreate("app-logs", id, out);

        byte[] expected = concat(jacksonLine("app-logs", "first-id"), jacksonLine("app-logs", id));
        assertThat(out.toByteArray()).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void should_escape_the_index_and_follow_a_change_of_index() throws IOException {
        BulkActionWriter writer = new BulkActionWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        writer.writeCreate("app-logs", "1", out);
        writer.writeCreate("other\"index", "2", out);

        assertThat(out.toByteArray()).isEqualTo(concat(jacksonLine("app-logs", "1"), jacksonLine("other\"index", "2")));
    }

    @org.junit.jupiter.api.Test
    void should_treat_a_lone_surrogate_as_jacksons_escaper_does() throws IOException {
        String id = "bad\ud800id";
        BulkActionWriter writer = new BulkActionWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] expected;
        try {
            expected = jacksonLine("app-logs", id);
        } catch (RuntimeException jacksonRefuses) {
            assertThatThrownBy(() -> writer.writeCreate("app-logs", id, out)).isInstanceOf(jacksonRefuses.getClass());
            return;
        }
        writer.writeCreate("app-logs", id, out);
        assertThat(out.toByteArray()).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void should_write_the_same_lines_as_jacksons_escaper_when_random_ids_mix_plain_and_special_chars() throws IOException {
        // Every length around the 8-byte words of the scan, with a special char anywhere or nowhere.
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        BulkActionWriter writer = new BulkActionWriter();
        for (int round = 0; round < 2_000; round++) {
            String id = randomId(random, 40);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writer.writeCreate("app-logs", id, out);
            assertThat(out.toByteArray()).as(id).isEqualTo(jacksonLine("app-logs", id));
        }
    }

    /** Printable ASCII of random length below {@code bound}, with a char JSON or the scan must treat specially now and then. */
    private static String randomId(java.util.SplittableRandom random, int bound) {
        String[] special = {"\"", "\\", "?", "\u0000", "\u001f", "\u007f", "\u0080", "\u00ff", "\u0100", "\u20ac", "\ud83d\ude00"};
        StringBuilder id = new StringBuilder();
        int length = random.nextInt(bound);
        for (int i = 0; i < length; i++) {
            id.append(random.nextInt(12) == 0 ? special[random.nextInt(special.length)] : (char) ('0' + random.nextInt(75)));
        }
        return id.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static io.logpipe.processor.model.LogEvent event(String id) {
        io.logpipe.processor.model.LogEvent e = new io.logpipe.processor.model.LogEvent(
                new io.logpipe.processor.model.RawLogRecord(id, 1_710_238_532_481L, "m",
                        io.logpipe.processor.model.SourceContext.cloudWatch("123456789012", "/app/a/prod", "s")));
        e.timestamp = 1_710_238_532_481L;
        e.message = "m";
        e.level = io.logpipe.processor.model.Level.INFO;
        e.serviceName = "a";
        e.environment = "prod";
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"36917284527394856123948576234985762349857623498576234985", "orders-3-1234567", "",
            "a\"b", "back\\slash", "tab\there", "new\nline", "caf\u00e9", "\u4e2d\u6587", "what?", "\ud83d\ude00",
            "ctl\u0001x", "del\u007fx"})
    void should_write_the_same_line_as_jacksons_escaper_when_the_id_is_taken_from_the_encoded_document(String id)
            throws IOException {
        DocumentEncoder encoder = new DocumentEncoder();
        BulkActionWriter writer = new BulkActionWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        io.logpipe.processor.model.LogEvent e = event(id);

        encoder.encode(e);
        writer.writeCreate("app-logs", e.raw.id(), encoder, out);

        assertThat(out.toByteArray()).isEqualTo(jacksonLine("app-logs", id));
    }

    @org.junit.jupiter.api.Test
    void should_write_the_given_id_when_the_encoder_holds_another_documents_id() throws IOException {
        DocumentEncoder encoder = new DocumentEncoder();
        BulkActionWriter writer = new BulkActionWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        encoder.encode(event("11111111111111111111"));
        writer.writeCreate("app-logs", "22222222222222222222", encoder, out);
        writer.writeCreate("app-logs", new String("11111111111111111111"), encoder, out);
        encoder.encode(event("a\"b"));
        writer.writeCreate("app-logs", "33", encoder, out);

        assertThat(out.toByteArray()).isEqualTo(concat(concat(jacksonLine("app-logs", "22222222222222222222"),
                jacksonLine("app-logs", "11111111111111111111")), jacksonLine("app-logs", "33")));
    }

    @org.junit.jupiter.api.Test
    void should_write_the_same_lines_when_random_ids_are_taken_from_encoded_documents() throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        DocumentEncoder encoder = new DocumentEncoder();
        BulkActionWriter writer = new BulkActionWriter();
        for (int round = 0; round < 2_000; round++) {
            String id = randomId(random, 70);
            io.logpipe.processor.model.LogEvent e = event(id);
            encoder.encode(e);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writer.writeCreate("app-logs", e.raw.id(), encoder, out);
            assertThat(out.toByteArray()).as(id).isEqualTo(jacksonLine("app-logs", id));
        }
    }
}
