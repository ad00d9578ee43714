package io.logpipe.processor.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A minimal UTF-8 JSON writer into a reused byte array, for the one hot path that writes JSON: documents.
 *
 * <p>Why not Jackson's generator: it is the right tool everywhere else, but documents are ~40 small fields
 * each, and its per-call context checks cost about 28% of the whole single-thread job in profiles (the
 * serialiser took 1.7 µs of 6.2 µs per event). This writer tracks only "is a comma due", copies ASCII in one
 * tight loop, and escapes per RFC 8259. Lone surrogates become U+FFFD, so the output is always valid UTF-8.
 * Callers are trusted to nest correctly; tests check the output against Jackson's parser. Not thread-safe.
 */
public final class JsonOut {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private byte[] buf = new byte[4096];
    private int len;
    private boolean commaDue;

    public void reset() {
        len = 0;
        commaDue = false;
    }

    public int size() {
        return len;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }

    public String text() {
        return new String(buf, 0, len, java.nio.charset.StandardCharsets.UTF_8);
    }

    public void writeStartObject() {
        comma();
        put((byte) '{');
        commaDue = false;
    }

    public void writeEndObject() {
        put((byte) '}');
        commaDue = true;
    }

    public void writeStartArray() {
        comma();
        put((byte) '[');
        commaDue = false;
    }

    public void writeEndArray() {
        put((byte) ']');
        commaDue = true;
    }

    /**
     * Writes a field name that is a constant of this code base: trusted to be plain ASCII with nothing to
     * escape, so it is bulk-copied without a scan. Names that come from log data go through {@link #writeKey}.
     */
    @SuppressWarnings("deprecation")
    public void writeFieldName(String name) {
        int n = name.length();
        ensure(n + 4);
        if (commaDue) {
            buf[len++] = ',';
        }
        buf[len++] = '"';
        name.getBytes(0, n, buf, len);
        len += n;
        buf[len++] = '"';
        buf[len++] = ':';
        commaDue = false;
    }

    /** Writes a field name taken from log data, escaped like any string value. */
    public void writeKey(String key) {
        comma();
        quoted(key);
        put((byte) ':');
        commaDue = false;
    }

    public void writeObjectFieldStart(String name) {
        writeFieldName(name);
        writeStartObject();
    }

    public void writeArrayFieldStart(String name) {
        writeFieldName(name);
        writeStartArray();
    }

    public void writeStringField(String name, String value) {
        writeFieldName(name);
        writeString(value);
    }

    public void writeNumberField(String name, long value) {
        writeFieldName(name);
        writeNumber(value);
    }

    public void writeNumberField(String name, double value) {
        writeFieldName(name);
        writeNumber(value);
    }

    public void writeString(String value) {
        comma();
        if (value == null) {
            ascii("null");
        } else {
            quoted(value);
        }
        commaDue = true;
    }

    public void writeNumber(long value) {
        comma();
        ascii(Long.toString(value));
        commaDue = true;
    }

    /** Finite doubles as numbers; NaN and infinities (not JSON numbers) as strings. */
    public void writeNumber(double value) {
        comma();
        if (Double.isFinite(value)) {
            ascii(Double.toString(value));
        } else {
            quoted(Double.toString(value));
        }
        commaDue = true;
    }

    public void writeBoolean(boolean value) {
        comma();
        ascii(value ? "true" : "false");
        commaDue = true;
    }

    public void writeNull() {
        comma();
        ascii("null");
        commaDue = true;
    }

    private void comma() {
        if (commaDue) {
            put((byte) ',');
        }
    }

    /**
     * Writes a quoted string. The plain-ASCII prefix (usually the whole string) is found by a tight scan and
     * copied in bulk by {@link String#getBytes(int, int, byte[], int)}, which is exact for chars below 0x80;
     * only the rest goes through the per-char escaping path.
     */
    @SuppressWarnings("deprecation")
    private void quoted(String s) {
        int n = s.length();
        ensure(n * 3 + 2);
        buf[len++] = '"';
        int plain = plainPrefix(s, n);
        s.getBytes(0, plain, buf, len);
        len += plain;
        for (int i = plain; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                buf[len++] = (byte) c;
            } else {
                i = special(s, i, c);
            }
        }
        buf[len++] = '"';
    }

    private static int plainPrefix(String s, int n) {
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                return i;
            }
        }
        return n;
    }

    /** Escapes or UTF-8-encodes the char at {@code i}; returns the index of the last char consumed. */
    private int special(String s, int i, char c) {
        ensure(6 + (s.length() - i) * 3);
        if (c == '"' || c == '\\') {
            buf[len++] = '\\';
            buf[len++] = (byte) c;
        } else if (c < 0x20) {
            escapeControl(c);
        } else if (c < 0x800) {
            buf[len++] = (byte) (0xC0 | (c >> 6));
            buf[len++] = (byte) (0x80 | (c & 0x3F));
        } else if (!Character.isSurrogate(c)) {
            threeBytes(c);
        } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, s.charAt(i + 1));
            buf[len++] = (byte) (0xF0 | (cp >> 18));
            buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            buf[len++] = (byte) (0x80 | (cp & 0x3F));
            return i + 1;
        } else {
            threeBytes('\uFFFD');                   // a lone surrogate cannot be encoded in UTF-8
        }
        return i;
    }

    private void escapeControl(char c) {
        buf[len++] = '\\';
        switch (c) {
            case '\n' -> buf[len++] = 'n';
            case '\t' -> buf[len++] = 't';
            case '\r' -> buf[len++] = 'r';
            case '\b' -> buf[len++] = 'b';
            case '\f' -> buf[len++] = 'f';
            default -> {
                buf[len++] = 'u';
                buf[len++] = '0';
                buf[len++] = '0';
                buf[len++] = HEX[c >> 4];
                buf[len++] = HEX[c & 0xF];
            }
        }
    }

    private void threeBytes(char c) {
        buf[len++] = (byte) (0xE0 | (c >> 12));
        buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (c & 0x3F));
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}
