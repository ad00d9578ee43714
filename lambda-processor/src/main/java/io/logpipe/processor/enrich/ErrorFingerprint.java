package io.logpipe.processor.enrich;

import io.logpipe.processor.model.LogEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * error.fingerprint: a stable hash of an error's shape, so "the same error" groups together across hosts,
 * requests and deploys. The shape is the exception type, the message with every number, hex run and id
 * masked, and the top frames without line numbers or generated-class suffixes. Computed after redaction.
 */
final class ErrorFingerprint {
    private static final int FRAMES = 5;
    /** Bound of each memo below; when full it is simply emptied (errors repeat, so it refills with the hot ones). */
    private static final int MEMO_ENTRIES = 2048;
    private final MessageDigest sha256;
    // Why memos: the same frames and error shapes recur across events, and masking each frame char by char plus
    // a SHA-256 per error measured ~4.5 % of the whole job; a hash lookup of the same strings costs a fraction.
    private final Map<String, String> maskedFrames = new HashMap<>();
    private final Map<String, String> fingerprints = new HashMap<>();

    ErrorFingerprint() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    void apply(LogEvent e) {
        LogEvent.ErrorInfo error = e.error;
        if (error == null || (error.type == null && error.message == null)) {
            return;
        }
        StringBuilder shape = new StringBuilder(256);
        shape.append(error.type).append('|');
        ShapeMasker.mask(error.message, shape);
        if (error.stackTrace != null) {
            appendFrames(error.stackTrace, shape);
        }
        String key = shape.toString();
        String fingerprint = fingerprints.get(key);
        if (fingerprint == null) {
            byte[] digest = sha256.digest(key.getBytes(StandardCharsets.UTF_8));
            fingerprint = HexFormat.of().formatHex(digest, 0, 8);
            remember(fingerprints, key, fingerprint);
        }
        error.fingerprint = fingerprint;
    }

    private static void remember(Map<String, String> memo, String key, String value) {
        if (memo.size() >= MEMO_ENTRIES) {
            memo.clear();
        }
        memo.put(key, value);
    }

    private String maskedFrame(String line) {
        String masked = maskedFrames.get(line);
        if (masked == null) {
            StringBuilder out = new StringBuilder(line.length());
            ShapeMasker.mask(line, out);
            masked = out.toString();
            remember(maskedFrames, line, masked);
        }
        return masked;
    }

    /** The first frames ("at pkg.Cls.method(File.java:12)" or Python "File ..., line 3, in f"), line numbers dropped. */
    private void appendFrames(String trace, StringBuilder shape) {
        int frames = 0;
        int i = 0;
        while (frames < FRAMES && i < trace.length()) {
            int end = trace.indexOf('\n', i);
            end = end < 0 ? trace.length() : end;
            String line = trace.substring(i, end).strip();
            if (line.startsWith("at ") || line.startsWith("File ")) {
                shape.append('|').append(maskedFrame(line));
                frames++;
            }
            i = end + 1;
        }
    }
}
