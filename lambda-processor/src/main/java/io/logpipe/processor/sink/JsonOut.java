package io.logpipe.processor.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal UTF-8 JSON writer into a reused byte array, for the one hot path that writes JSON: documents.
 *
 * <p>Why not Jackson's generator: it is the right tool everywhere else, but documents are ~40 small fields
 * each, and its per-call context checks cost about 28% of the whole single-thread job in profiles (the
 * serialiser took 1.7 µs of 6.2 µs per event). This writer tracks only "is a comma due", copies strings as
 * UTF-8 in bulk, and escapes per RFC 8259; the output is always valid UTF-8.
 * Callers are trusted to nest correctly; tests check the output against Jackson's parser. Not thread-safe.
 */
public final class JsonOut {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Number of slots of {@link #writeRepeatedStringField}. */
    public static final int SLOTS = 32;
    private byte[] buf = new byte[4096];
    private int len;
    private boolean commaDue;
    /** Values kept per slot of {@link #writeRepeatedStringField}: a field often alternates among a few. */
    private static final int WAYS = 4;
    private final String[] repeatedValue = new String[SLOTS * WAYS];
    private final byte[][] repeatedBytes = new byte[SLOTS * WAYS][];
    private final int[] repeatedLength = new int[SLOTS * WAYS];
    private final int[] repeatedNext = new int[SLOTS];      // the way a new value replaces next (round robin)
    private String markedValue;
    private int markedAt = -1;

    public void reset() {
        len = 0;
        commaDue = false;
        markedValue = null;
        markedAt = -1;
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

    /**
     * Opens a run of whole fields that the caller may keep ({@link #copyFieldsSince}) and write again later
     * ({@link #writeFields}): the comma due before it is written now, so the run's bytes start at its first field.
     *
     * @return where the run starts
     */
    public int startFields() {
        comma();
        commaDue = false;
        return len;
    }

    /** The bytes of the fields written since {@link #startFields} returned {@code start}, into {@code into} if room. */
    public byte[] copyFieldsSince(int start, byte[] into) {
        int n = len - start;
        byte[] out = into != null && into.length >= n ? into : new byte[Math.max(n, 256)];
        System.arraycopy(buf, start, out, 0, n);
        return out;
    }

    /** Writes {@code n} bytes of whole fields kept by {@link #copyFieldsSince}, after a comma if one is due. */
    public void writeFields(byte[] fields, int n) {
        prefix(fields, n);
        commaDue = true;                                // the run ends with a whole field
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

    /**
     * A field name that is a constant of this code base, encoded once as {@code "name":} and {@code "name":{}, so
     * writing it is one copy (the String form checks bounds and coder and writes the quotes byte by byte; field
     * names are ~35 writes a document). Plain printable ASCII without '"' or '\\' only. Measured with the bulk
     * action ids' word scan: +1.7 to +11.9 % in four side-by-side pairs.
     */
    public static final class Name {
        final byte[] field;
        final byte[] objectStart;

        private Name(String name) {
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                    throw new IllegalArgumentException("not a plain field name: " + name);
                }
            }
            field = ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
            objectStart = ("\"" + name + "\":{").getBytes(StandardCharsets.US_ASCII);
        }
    }

    public static Name name(String name) {
        return new Name(name);
    }

    public void writeFieldName(Name name) {
        prefix(name.field);
    }

    public void writeObjectFieldStart(Name name) {
        prefix(name.objectStart);
    }

    public void writeArrayFieldStart(Name name) {
        writeFieldName(name);
        writeStartArray();
    }

    public void writeStringField(Name name, String value) {
        prefix(name.field);
        writeString(value);
    }

    /**
     * {@link #writeStringField(Name, String)}, remembering where the value's bytes lie when they needed no
     * escape (see {@link #markedAt}), so another writer can copy them instead of encoding the value again.
     */
    public void writeMarkedStringField(Name name, String value) {
        prefix(name.field);
        comma();
        markedValue = value;
        markedAt = -1;
        if (value == null) {
            ascii("null");
        } else {
            int at = len + 1;
            quoted(value);
            if (cleanLatin1) {
                markedAt = at;
            }
        }
        commaDue = true;
    }

    /**
     * Offset in {@link #buffer()} of the bytes of {@code value} as written by the last
     * {@link #writeMarkedStringField} since {@link #reset}, or -1 when that value was another instance or was
     * not plain ASCII free of '"', '\\', controls and '?'. Those bytes are then the value's Latin-1, UTF-8 and
     * JSON string bytes alike, {@code value.length()} of them.
     */
    int markedAt(String value) {
        return value == markedValue ? markedAt : -1;
    }

    byte[] buffer() {
        return buf;
    }

    public void writeNumberField(Name name, long value) {
        prefix(name.field);
        writeNumber(value);
    }

    public void writeNumberField(Name name, double value) {
        prefix(name.field);
        writeNumber(value);
    }

    /** See {@link #writePlainAsciiField(String, byte[], int)}. */
    public void writePlainAsciiField(Name name, byte[] ascii, int length) {
        prefix(name.field);
        plainAscii(ascii, length);
    }

    /** A comma if due, then constant bytes that open a value (a field name, maybe with '{'). */
    private void prefix(byte[] bytes) {
        prefix(bytes, bytes.length);
    }

    private void prefix(byte[] bytes, int n) {
        ensure(n + 1);
        if (commaDue) {
            buf[len++] = ',';
        }
        System.arraycopy(bytes, 0, buf, len, n);
        len += n;
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

    /**
     * Like {@link #writeStringField}, for values that usually repeat from one document to the next (per-payload
     * values such as the log group, account, region, service; per-source values such as the logger, ECS cluster
     * or HTTP method): the quoted, escaped bytes of the last few values are kept per {@code slot} (one per call
     * site, below {@link #SLOTS}; {@link #WAYS} values, as a level, a method or a user agent alternates among a few)
     * and copied again when one comes back. The check is by identity first (it does not even touch the String),
     * then by content; a new value is encoded as usual and takes the place of the slot's oldest.
     * Measured: encoding and escape-scanning these values anew was ~3 % of the whole job; extending the memo from
     * 10 to 23 fields with the content check gained +0.8 % (four pairs: +1.9, +0.7, 0.0, +0.7).
     */
    public void writeRepeatedStringField(Name name, String value, int slot) {
        if (value == null) {
            writeStringField(name, null);
            return;
        }
        int way = keptWay(value, slot * WAYS);
        if (way >= 0) {
            repeatedValue[way] = value;        // the instance seen now is the likeliest one next time
            prefix(repeatedBytes[way], repeatedLength[way]);
        } else {
            way = slot * WAYS + repeatedNext[slot];
            repeatedNext[slot] = (repeatedNext[slot] + 1) % WAYS;
            prefix(name.field);
            int start = len - name.field.length;   // the memo holds "name":"value", written as one copy
            quoted(value);
            int n = len - start;
            byte[] kept = repeatedBytes[way];
            if (kept == null || kept.length < n) {
                kept = repeatedBytes[way] = new byte[Math.max(n, 64)];
            }
            System.arraycopy(buf, start, kept, 0, n);
            repeatedLength[way] = n;
            repeatedValue[way] = value;
        }
        commaDue = true;
    }

    /** The way among {@code [first, first + WAYS)} that keeps {@code value}, by identity first, then content; or -1. */
    private int keptWay(String value, int first) {
        for (int w = first; w < first + WAYS; w++) {
            if (repeatedValue[w] == value) {
                return w;
            }
        }
        for (int w = first; w < first + WAYS; w++) {
            if (value.equals(repeatedValue[w])) {
                return w;
            }
        }
        return -1;
    }

    /**
     * Writes a string value given as bytes the caller guarantees to be printable ASCII with no '"' or '\\'
     * (such as a formatted timestamp): copied as they are, without a String or a scan.
     */
    public void writePlainAsciiField(String name, byte[] ascii, int length) {
        writeFieldName(name);
        plainAscii(ascii, length);
    }

    private void plainAscii(byte[] ascii, int length) {
        ensure(length + 2);
        buf[len++] = '"';
        System.arraycopy(ascii, 0, buf, len, length);
        len += length;
        buf[len++] = '"';
        commaDue = true;
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

    /**
     * Digits written straight into the buffer, as Long.toString spells them (without its String); with the
     * host.name memo +1.0 % on average over eight pairs (-1.2 to +3.9).
     */
    public void writeNumber(long value) {
        comma();
        if (value == Long.MIN_VALUE) {
            ascii(Long.toString(value));
        } else {
            ensure(20);
            if (value < 0) {
                buf[len++] = '-';
                value = -value;
            }
            int digits = 1;
            for (long rest = value / 10; rest != 0; rest /= 10) {
                digits++;
            }
            len += digits;
            int at = len;
            do {
                buf[--at] = (byte) ('0' + (int) (value % 10));
                value /= 10;
            } while (value != 0);
        }
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
     * Writes a quoted string. Most strings are ASCII, so the string is first taken as ISO-8859-1 bytes: for
     * a one-byte (Latin-1) string the JDK returns a plain copy, without the scan for non-ASCII bytes that its
     * UTF-8 encoder makes (a separate pass, ~3 % of the job). Those bytes are exactly the UTF-8 ones as long
     * as they hold no byte >= 0x80 and no '?' (what the encoder puts for a char above 0xFF), and one scan,
     * eight bytes at a time, checks that together with the three things JSON must escape: '"', '\\' and
     * control bytes. Usually there are none: one copy and one scan. Where the bytes stop being plain ASCII,
     * the rest is taken from the UTF-8 encoding (the prefix is ASCII, so the byte index is the same there).
     *
     * <p>The scan reads the bytes once they are copied into the buffer, so its last word may run past the
     * string's end into spare bytes (masked off) and no string ends in a byte-by-byte loop.
     * (Measured and dropped: copying the chars straight into the buffer and proving them ASCII with a
     * charAt loop was 10 % slower overall than the JDK's intrinsic copies.)
     */
    /** Whether the last {@link #quoted} string was copied as it was (no escape, ASCII, no '?'). */
    private boolean cleanLatin1;

    private void quoted(String s) {
        byte[] latin1 = s.getBytes(StandardCharsets.ISO_8859_1);
        int n = latin1.length;
        ensure(n + 2 + 7);
        buf[len++] = '"';
        System.arraycopy(latin1, 0, buf, len, n);
        int clean = cleanCopied(len, n);
        len += clean;
        cleanLatin1 = clean == n;
        if (clean < n) {
            int ascii = escapeAsciiInto(latin1, clean);
            if (ascii < n) {
                escapeInto(s.getBytes(StandardCharsets.UTF_8), ascii);
            }
        }
        buf[len++] = '"';
    }

    /**
     * Length of the run at the start of buf[at, at + n) that is plain ASCII with nothing to escape and no '?'.
     * Reads whole words, the last one partly past the end (the caller reserved 7 bytes), with the bytes beyond
     * the end masked off: they lie above the string's bytes in a little-endian word, and the flags of lower
     * bytes never depend on higher ones.
     */
    private int cleanCopied(int at, int n) {
        for (int i = 0; i < n; i += 8) {
            long flags = stopFlags((long) LONGS.get(buf, at + i), true);
            int left = n - i;
            if (left < 8) {
                flags &= (1L << (left << 3)) - 1;
            }
            if (flags != 0) {
                return i + (Long.numberOfTrailingZeros(flags) >>> 3);
            }
        }
        return n;
    }

    /**
     * Appends latin1[from..] escaped while it stays ASCII without '?'.
     *
     * @return the index of the first byte >= 0x80 or '?' (not written), or the length when all was written
     */
    private int escapeAsciiInto(byte[] latin1, int from) {
        int n = latin1.length;
        ensure((n - from) * 6 + 1);
        int i = from;
        while (i < n) {
            int clean = i + cleanPrefix(latin1, i, true);
            System.arraycopy(latin1, i, buf, len, clean - i);
            len += clean - i;
            if (clean == n) {
                break;
            }
            byte b = latin1[clean];
            if (b < 0 || b == '?') {
                return clean;
            }
            escapeByte(b);
            i = clean + 1;
        }
        return n;
    }

    /**
     * Appends utf8[from..] escaped: clean runs are bulk-copied, '"', '\\' and control bytes escaped; after
     * an escape the scan goes on eight bytes at a time (messages quoting JSON or holding stack traces).
     */
    private void escapeInto(byte[] utf8, int from) {
        int n = utf8.length;
        ensure((n - from) * 6 + 1);
        int i = from;
        while (i < n) {
            int clean = i + cleanPrefix(utf8, i, false);
            System.arraycopy(utf8, i, buf, len, clean - i);
            len += clean - i;
            if (clean == n) {
                break;
            }
            escapeByte(utf8[clean]);
            i = clean + 1;
        }
    }

    private void escapeByte(byte b) {
        if (b == '"' || b == '\\') {
            buf[len++] = '\\';
            buf[len++] = b;
        } else {
            escapeControl((char) b);
        }
    }

    /**
     * Length of the run from {@code from} that needs no escaping; whole 8-byte words are tested at once, and
     * the first flagged byte of a word is exact (see {@link #escapeFlags}). A tail shorter than a word is
     * read as the array's last word when every byte of that word before the tail was already found clean
     * (a flagged byte could mark the byte above it falsely); otherwise byte by byte.
     */
    static int cleanPrefix(byte[] b, int from, boolean asciiOnly) {
        int n = b.length;
        int i = from;
        for (; i + 8 <= n; i += 8) {
            long flags = stopFlags((long) LONGS.get(b, i), asciiOnly);
            if (flags != 0) {
                return i + (Long.numberOfTrailingZeros(flags) >>> 3) - from;
            }
        }
        if (i < n && n - 8 >= from) {
            long flags = stopFlags((long) LONGS.get(b, n - 8), asciiOnly) & (-1L << ((8 - (n - i)) << 3));
            return flags == 0 ? n - from : n - 8 + (Long.numberOfTrailingZeros(flags) >>> 3) - from;
        }
        for (; i < n; i++) {
            byte c = b[i];
            if ((c >= 0 && c < 0x20) || c == '"' || c == '\\' || (asciiOnly && (c < 0 || c == '?'))) {
                return i - from;
            }
        }
        return n - from;
    }

    static int cleanPrefix(byte[] b, int from) {
        return cleanPrefix(b, from, false);
    }

    static int cleanPrefix(byte[] b) {
        return cleanPrefix(b, 0, false);
    }

    /**
     * 0x80 in each byte of the word (little-endian) that is below 0x20 (and ASCII), '"' or '\\'; bytes >= 0x80
     * are UTF-8 and pass. A borrow can mark a byte above a flagged one falsely, never one below it, so the
     * lowest flag is always exact.
     */
    private static long escapeFlags(long w) {
        long control = (w - 0x2020202020202020L) & ~w & 0x8080808080808080L;
        return control | hasZeroByte(w ^ 0x2222222222222222L) | hasZeroByte(w ^ 0x5C5C5C5C5C5C5C5CL);
    }

    /** {@link #escapeFlags}, plus (when {@code asciiOnly}) bytes >= 0x80 and '?'; the lowest flag is exact too. */
    private static long stopFlags(long w, boolean asciiOnly) {
        long flags = escapeFlags(w);
        return asciiOnly ? flags | (w & 0x8080808080808080L) | hasZeroByte(w ^ 0x3F3F3F3F3F3F3F3FL) : flags;
    }

    private static long hasZeroByte(long v) {
        return (v - 0x0101010101010101L) & ~v & 0x8080808080808080L;
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
