package io.logpipe.processor.model;

import java.nio.charset.StandardCharsets;

/**
 * A message still spelled as the payload's JSON string spells it: ASCII whose only escapes are {@code \" \\ \/}.
 * The decoder reads FireLens envelopes and JSON lines straight from the payload, so the message text itself is
 * needed only by dead letters, multi-line joining and the odd fallback; it is unescaped on first use. Why:
 * building it for every such event (a copy per run between escapes, then a String) was ~2 % of the job, for a
 * text the documents never show.
 */
public final class SpelledText {
    private final byte[] spelled;
    private final int length;
    private String text;                    // unescaped on first use (a race only computes it twice)

    /**
     * @param spelled the content of a JSON string whose only escapes are {@code \" \\ \/} (kept, not copied)
     * @param length  the length of the text those bytes spell
     */
    public SpelledText(byte[] spelled, int length) {
        this.spelled = spelled;
        this.length = length;
    }

    /** The text's length, known without unescaping it. */
    public int length() {
        return length;
    }

    public String text() {
        String t = text;
        if (t == null) {
            text = t = unescape(spelled, length);
        }
        return t;
    }

    private static String unescape(byte[] spelled, int length) {
        byte[] out = new byte[length];
        int n = 0;
        for (int i = 0; i < spelled.length; i++) {
            byte c = spelled[i];
            out[n++] = c == '\\' ? spelled[++i] : c;       // \" \\ \/ each stand for their second char
        }
        if (n != length) {
            throw new IllegalStateException("message spelled as " + n + " chars, expected " + length);
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }
}
