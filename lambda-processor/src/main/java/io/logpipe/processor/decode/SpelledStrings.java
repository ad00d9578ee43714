package io.logpipe.processor.decode;

import io.logpipe.processor.bytes.ByteLanes;

/**
 * The escapes inside a JSON string that is itself spelled inside a payload's JSON string: a FireLens envelope's
 * keys and values, a JSON line's strings. {@link EnvelopeReader} and {@link RecordReader} read those strings straight
 * from the payload, so each of their escapes comes in two layers: the payload's ({@code \" \\ \/}) around the
 * record's ({@code \" \\ \/ \n \t}). Only those are taken; anything else is left to the usual reading.
 */
final class SpelledStrings {
    /** {@link #escape}: the string's closing quote ({@code \"} in the payload, two bytes). */
    static final int CLOSE = 0;
    /** {@link #escape}: not an escape the plain shape takes ({@code \r \b \f \}{@code u}, a raw control char, ...). */
    static final int NOT_PLAIN = -1;
    /** {@code \\\"} in the payload: a quote inside the record's string (four bytes, little-endian). */
    private static final int QUOTE_IN_STRING = '\\' | '\\' << 8 | '\\' << 16 | '"' << 24;

    private SpelledStrings() {
    }

    /** Whether the payload string whose opening quote is at {@code quote} spells a JSON object: <code>"{\"</code>. */
    static boolean opensObject(byte[] b, int quote, int limit) {
        return limit - quote >= 6 && b[quote] == '"' && b[quote + 1] == '{' && b[quote + 2] == '\\' && b[quote + 3] == '"';
    }

    /**
     * {@code buffer}, or a larger one, that holds any string unescaped from the payload string opening at
     * {@code quote}: none is longer than the rest of the payload, a message over {@code maxMessage} is refused anyway,
     * and a run copy may store {@link PlainPayloadReader#COPY_SLACK} bytes past its end.
     */
    static byte[] roomFor(byte[] buffer, int quote, int limit, int maxMessage) {
        int most = maxMessage + 4 + PlainPayloadReader.COPY_SLACK;   // 4: an escape and a quote after a run
        int room = Math.min(limit - quote + PlainPayloadReader.COPY_SLACK, most);
        return buffer.length >= room ? buffer : new byte[Math.max(room, Math.min(buffer.length * 2, most))];
    }

    /**
     * Reads the escape whose payload backslash is at {@code b[p]}: writes the char it stands for to {@code out[o]}
     * and returns the escape's length in the payload. That is 2 for {@code \/} (one char of the message), 3 for
     * {@code \\n}, {@code \\t} and {@code \\/} (two chars), or 4 for {@code \\\"}, {@code \\\\} and {@code \\\/}
     * (two chars). Otherwise it returns {@link #CLOSE} or {@link #NOT_PLAIN}.
     */
    static int escape(byte[] b, int p, int end, byte[] out, int o) {
        if (p + 3 < end && ByteLanes.quad(b, p) == QUOTE_IN_STRING) {
            out[o] = '"';                                // the commonest one (JSON lines): one compare
            return 4;
        }
        if (p + 1 >= end) {
            return NOT_PLAIN;
        }
        byte e = b[p + 1];
        if (e == '"') {
            return CLOSE;
        }
        if (e == '/') {
            out[o] = '/';
            return 2;
        }
        if (e != '\\' || p + 2 >= end) {
            return NOT_PLAIN;                            // \n or \t would be a raw control char inside the string
        }
        byte m = b[p + 2];
        if (m == 'n' || m == 't' || m == '/') {
            out[o] = (byte) (m == 'n' ? '\n' : m == 't' ? '\t' : '/');
            return 3;
        }
        if (m != '\\' || p + 3 >= end) {
            return NOT_PLAIN;                            // r, b, f, u escapes: text hygiene may apply
        }
        byte q = b[p + 3];
        if (q != '"' && q != '\\' && q != '/') {
            return NOT_PLAIN;
        }
        out[o] = q;
        return 4;
    }

    /** The message chars an escape of {@code length} payload bytes spells (its payload escape becomes one char). */
    static int messageChars(int length) {
        return length == 2 ? 1 : 2;
    }
}
