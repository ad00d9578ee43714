package io.logpipe.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.model.RawLogRecord;
import io.logpipe.processor.model.SourceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fingerprint is exactly the first 8 bytes of SHA-256 over "type|masked message|masked frame|...", whether a
 * frame's masking comes from the memo or not: checked against that definition written out naively.
 */
class ErrorFingerprintShapeTest {
    private final ErrorFingerprint fingerprints = new ErrorFingerprint();

    private String fingerprint(String type, String message, String trace) {
        LogEvent e = new LogEvent(new RawLogRecord("1", 0L, "m", SourceContext.cloudWatch("1", "/g", "s")));
        e.error = new LogEvent.ErrorInfo();
        e.error.type = type;
        e.error.message = message;
        e.error.stackTrace = trace;
        fingerprints.apply(e);
        return e.error.fingerprint;
    }

    /** The definition: substring, String.strip, mask each of the first five frames; SHA-256 and HexFormat. */
    private static String expected(String type, String message, String trace) throws Exception {
        StringBuilder shape = new StringBuilder().append(type).append('|');
        ShapeMasker.mask(message, shape);
        if (trace != null) {
            int frames = 0;
            for (String raw : trace.split("\n", -1)) {
                String line = raw.strip();
                if (frames < 5 && (line.startsWith("at ") || line.startsWith("File "))) {
                    shape.append('|');
                    ShapeMasker.mask(line, shape);
                    frames++;
                }
            }
        }
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(shape.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    @Test
    void should_hash_the_masked_shape_when_frames_carry_odd_whitespace_and_near_frame_lines() throws Exception {
        String trace = "java.lang.IllegalStateException: Order 12 closed\n\tat a.B.c(B.java:12)\r\n"
                + "   at a.B.d(B.java:13)   \n\u2003at a.B.e(B.java:14)\u2003\nat\n\tat \n  File \n  File \"x.py\", line 3, in f\n"
                + "\tattic.Not.aFrame(X.java:1)\n\tat caf\u00e9.\u4e2d.f(X.java:99)\n\tat last.One(L.java:1)";

        assertThat(fingerprint("java.lang.IllegalStateException", "Order 12 closed", trace))
                .isEqualTo(expected("java.lang.IllegalStateException", "Order 12 closed", trace));
    }

    @Test
    void should_give_the_same_fingerprint_when_frames_come_from_the_memo_or_were_pushed_out_of_it() throws Exception {
        // Far more distinct frames than the memo's slots, revisited in random order: every lookup is a hit, a
        // miss or a slot taken over by another frame, and each must give the definition's fingerprint.
        SplittableRandom random = new SplittableRandom(7);
        List<String> traces = new ArrayList<>();
        for (int t = 0; t < 600; t++) {
            StringBuilder trace = new StringBuilder("x.Boom: failed");
            for (int f = 0; f < 6; f++) {
                trace.append("\n\tat com.acme.C").append(random.nextInt(400)).append(".m(C.java:")
                        .append(random.nextInt(3)).append(')');
            }
            traces.add(trace.toString());
        }
        for (int round = 0; round < 4_000; round++) {
            String trace = traces.get(random.nextInt(traces.size()));
            assertThat(fingerprint("x.Boom", "failed " + round, trace)).isEqualTo(expected("x.Boom", "failed " + round, trace));
        }
    }

    @Test
    void should_fingerprint_a_message_without_type_or_trace() throws Exception {
        assertThat(fingerprint(null, "request 6f1d2c3b-8a7e-4f60-9b1c-2d3e4f5a6b7c failed", null))
                .isEqualTo(expected(null, "request 6f1d2c3b-8a7e-4f60-9b1c-2d3e4f5a6b7c failed", null));
    }

    @Test
    void should_spell_bytes_in_hex_as_hexformat_does() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        for (int from = 0; from + 8 <= bytes.length; from += 8) {
            byte[] eight = java.util.Arrays.copyOfRange(bytes, from, from + 8);
            assertThat(ErrorFingerprint.hex(eight, 8)).isEqualTo(HexFormat.of().formatHex(eight));
        }
    }
}
