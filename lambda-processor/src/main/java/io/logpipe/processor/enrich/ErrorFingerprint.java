package io.logpipe.processor.enrich;

import io.logpipe.processor.model.LogEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * error.fingerprint: a stable hash of an error's shape, so "the same error" groups together across hosts,
 * requests and deploys. The shape is the exception type, the message with every number, hex run and id
 * masked, and the top frames without line numbers or generated-class suffixes. Computed after redaction.
 */
final class ErrorFingerprint {
    private static final int FRAMES = 5;
    private final MessageDigest sha256;

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
        byte[] digest = sha256.digest(shape.toString().getBytes(StandardCharsets.UTF_8));
        error.fingerprint = HexFormat.of().formatHex(digest, 0, 8);
    }

    /** The first frames ("at pkg.Cls.method(File.java:12)" or Python "File ..., line 3, in f"), line numbers dropped. */
    private static void appendFrames(String trace, StringBuilder shape) {
        int frames = 0;
        int i = 0;
        while (frames < FRAMES && i < trace.length()) {
            int end = trace.indexOf('\n', i);
            end = end < 0 ? trace.length() : end;
            String line = trace.substring(i, end).strip();
            if (line.startsWith("at ") || line.startsWith("File ")) {
                shape.append('|');
                ShapeMasker.mask(line, shape);
                frames++;
            }
            i = end + 1;
        }
    }
}
