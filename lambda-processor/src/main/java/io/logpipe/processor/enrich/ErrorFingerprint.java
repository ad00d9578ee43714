package io.logpipe.processor.enrich;

import io.logpipe.processor.model.LogEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * error.fingerprint: a stable hash of an error's shape, so "the same error" groups together across hosts,
 * requests and deploys. The shape is the exception type, the message with every number, hex run and id
 * masked, and the top frames without line numbers or generated-class suffixes. Computed after redaction.
 */
final class ErrorFingerprint {
    private static final int FRAMES = 5;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** Slots of the masked-frame memo (direct-mapped: a colliding frame replaces the one in its slot). */
    private static final int FRAME_SLOTS = 1024;
    /** Chars of a frame line's start and end that choose its memo slot. */
    private static final int HASHED_HEAD = 24, HASHED_TAIL = 24;
    private final MessageDigest sha256;
    // Why a memo of masked frames: the same frames recur across errors (framework frames in most traces), and
    // masking each char by char was ~2 % of the job. Looked up on the trace's own chars (hash and region
    // compare), so a hit allocates nothing. Why no memo of whole fingerprints: shapes rarely repeat (15,570
    // distinct among 19,729 errors in the corpus), so hashing the long shape key cost more than the SHA-256
    // it saved.
    private final String[] frameLines = new String[FRAME_SLOTS];
    private final String[] maskedLines = new String[FRAME_SLOTS];
    private final int[] frameHashes = new int[FRAME_SLOTS];
    private final StringBuilder shape = new StringBuilder(512);

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
        StringBuilder shape = this.shape;
        shape.setLength(0);
        shape.append(error.type).append('|');
        ShapeMasker.mask(error.message, shape);
        if (error.stackTrace != null) {
            appendFrames(error.stackTrace, shape);
        }
        byte[] digest = sha256.digest(shape.toString().getBytes(StandardCharsets.UTF_8));
        error.fingerprint = hex(digest, 8);
    }

    /** The first {@code bytes} bytes as lower-case hex (what HexFormat.of().formatHex gives, without its builder). */
    static String hex(byte[] digest, int bytes) {
        byte[] out = new byte[bytes * 2];
        for (int k = 0; k < bytes; k++) {
            out[2 * k] = HEX[(digest[k] >> 4) & 0xF];
            out[2 * k + 1] = HEX[digest[k] & 0xF];
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** The masked form of trace[from, to), from the memo when the same frame line was masked before. */
    private String maskedFrame(String trace, int from, int to) {
        int length = to - from;
        int h = length;
        // the slot comes from the line's ends only (a frame's class and method lead, its file and line number
        // close it): hashing every char was ~0.5 % of the job, and the comparison below decides anyway
        for (int k = from, head = Math.min(to, from + HASHED_HEAD); k < head; k++) {
            h = 31 * h + trace.charAt(k);
        }
        for (int k = Math.max(from + HASHED_HEAD, to - HASHED_TAIL); k < to; k++) {
            h = 31 * h + trace.charAt(k);
        }
        int slot = (h ^ (h >>> 16)) & (FRAME_SLOTS - 1);
        String known = frameLines[slot];
        // the hash is compared first: a slot taken by another frame is then told apart without reading its String
        if (known != null && frameHashes[slot] == h && known.length() == length
                && trace.regionMatches(from, known, 0, length)) {
            return maskedLines[slot];
        }
        String line = trace.substring(from, to);
        StringBuilder out = new StringBuilder(length);
        ShapeMasker.mask(line, out);
        String masked = out.toString();
        frameLines[slot] = line;
        frameHashes[slot] = h;
        maskedLines[slot] = masked;
        return masked;
    }

    /**
     * The first frames ("at pkg.Cls.method(File.java:12)" or Python "File ..., line 3, in f"), line numbers
     * dropped. Each line is taken stripped of surrounding whitespace (as String.strip, found in place).
     */
    private void appendFrames(String trace, StringBuilder shape) {
        int frames = 0;
        int i = 0;
        int n = trace.length();
        while (frames < FRAMES && i < n) {
            int end = trace.indexOf('\n', i);
            end = end < 0 ? n : end;
            int from = i;
            int to = end;
            while (from < to && Character.isWhitespace(trace.charAt(from))) {
                from++;
            }
            while (to > from && Character.isWhitespace(trace.charAt(to - 1))) {
                to--;
            }
            if ((to - from >= 3 && trace.startsWith("at ", from)) || (to - from >= 5 && trace.startsWith("File ", from))) {
                shape.append('|').append(maskedFrame(trace, from, to));
                frames++;
            }
            i = end + 1;
        }
    }
}
