package io.logpipe.processor.decode;

import io.logpipe.processor.json.Json;
import io.logpipe.processor.json.PlainDecimal;
import io.logpipe.processor.json.QuickJsonReader;
import io.logpipe.processor.model.PreReadRecord;
import io.logpipe.processor.model.SpelledText;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a log event's message that is a JSON log line straight from the payload bytes, where it is spelled as a
 * JSON string ({@code "message":"{\"level\":\"info\",...}"}). One pass gives the record exactly as unescaping the
 * message and reading it with {@link QuickJsonReader} would (the same maps, lists, strings, longs, doubles and
 * booleans, within the same limits); the message itself is kept as spelled and built only on demand
 * ({@link SpelledText}).
 *
 * <p>Why: a JSON line was read twice, unescaped into the message (an escape every few chars) and then read again
 * as JSON from a char copy of it; the two were ~7 % of the job for the ~50,000 such lines a pass.
 *
 * <p>Only the plain shape is taken: the message starts with <code>{"</code> and ends with <code>}</code> (then only
 * line ends, which the message drops as the decoder's hygiene does); every char is printable ASCII; the payload's
 * escapes are {@code \" \\ \/} and those inside the record's strings {@code \" \\ \/ \n \t}; tokens are separated
 * by nothing or by spaces; numbers are longs of up to 18 digits or decimals. A record holding the FireLens keys
 * the joiner looks for ({@code "log":"}, {@code "partial_message"}, or a top-level {@code log}) is not taken
 * either: {@link EnvelopeReader} or the usual reading has it. Anything else is null, and the message is read as
 * before, so this reader never has to agree with the usual one on anything but a plain record.
 * Not thread-safe (reuses its buffers); one per payload reader.
 */
final class RecordReader {
    /** The record (it carries the message) and where it ends in the payload. */
    record Result(PreReadRecord record, int end) {
    }

    private static final int MAX_MESSAGE = 1 << 20;   // QuickJsonReader's own bound on a text it reads
    private static final int MAX_NUMBER = 60;          // as QuickJsonReader: Jackson refuses numbers over 64 chars
    private static final int MAX_KEY = 40;

    private final int maxDepth;
    private final int maxFields;
    private byte[] b;
    private int end;
    private int p;                                     // read position in the payload
    private int escapes;                               // payload escapes so far: each spells one char in two bytes
    private int fields;
    private Object last;                               // the value read by the last call of value()
    private byte[] value = new byte[1024];             // the string being read, unescaped twice
    private int v;
    // Field names recur record after record: handed out as the same instances (as QuickJsonReader does), looked up
    // by a cheap hash of their bytes.
    private final String[] names = new String[256];
    private final byte[][] nameBytes = new byte[256][];

    RecordReader(int maxDepth, int maxFields) {
        this.maxDepth = Math.min(maxDepth, Json.MAX_NESTING - 1);
        this.maxFields = maxFields;
    }

    /** The record whose message string opens with the quote at {@code quote}, or null when it is not plain. */
    Result read(byte[] bytes, int quote, int limit) {
        if (!SpelledStrings.opensObject(bytes, quote, limit)) {
            return null;
        }
        b = bytes;
        end = limit;
        p = quote + 1;
        escapes = 0;
        fields = 0;
        value = SpelledStrings.roomFor(value, quote, limit, MAX_MESSAGE);
        try {
            return record(quote + 1);
        } finally {
            b = null;
            last = null;
        }
    }

    private Result record(int start) {
        Map<String, Object> record = object(1);
        if (record == null || record.containsKey("log")) {
            return null;
        }
        int messageEnd = p;
        int length = messageEnd - start - escapes;
        while (p + 1 < end && b[p] == '\\' && (b[p + 1] == 'n' || b[p + 1] == 'r')) {
            p += 2;                                    // line ends: the decoder's hygiene drops them from the message
        }
        if (p >= end || b[p] != '"' || length > MAX_MESSAGE) {
            return null;
        }
        SpelledText message = new SpelledText(Arrays.copyOfRange(b, start, messageEnd), length);
        return new Result(new PreReadRecord(record, message), p + 1);
    }

    /** Reads the object whose '{' is at p, at nesting depth {@code depth}. */
    private Map<String, Object> object(int depth) {
        if (depth > maxDepth) {
            return null;
        }
        p++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpaces();
        if (p < end && b[p] == '}') {
            p++;
            return map;
        }
        while (true) {
            if (++fields > maxFields) {
                return null;
            }
            String name = string(true);
            if (name == null) {
                return null;
            }
            skipSpaces();
            if (p >= end || b[p] != ':') {
                return null;
            }
            p++;
            skipSpaces();
            if (!value(depth)) {
                return null;
            }
            map.put(name, last);
            skipSpaces();
            if (p >= end) {
                return null;
            }
            byte next = b[p++];
            if (next == '}') {
                return map;
            }
            if (next != ',') {
                return null;
            }
            skipSpaces();
        }
    }

    private List<Object> array(int depth) {
        if (depth > maxDepth) {
            return null;
        }
        p++;
        List<Object> list = new ArrayList<>();
        skipSpaces();
        if (p < end && b[p] == ']') {
            p++;
            return list;
        }
        while (true) {
            if (++fields > maxFields || !value(depth)) {
                return null;
            }
            list.add(last);
            skipSpaces();
            if (p >= end) {
                return null;
            }
            byte next = b[p++];
            if (next == ']') {
                return list;
            }
            if (next != ',') {
                return null;
            }
            skipSpaces();
        }
    }

    /** Reads the value at p into {@link #last}; false if unsure. {@code depth}: that of the enclosing container. */
    private boolean value(int depth) {
        if (p >= end) {
            return false;
        }
        switch (b[p]) {
            case '\\' -> {
                last = string(false);
                return last != null;
            }
            case '{' -> {
                last = object(depth + 1);
                return last != null;
            }
            case '[' -> {
                last = array(depth + 1);
                return last != null;
            }
            case 't' -> {
                last = Boolean.TRUE;
                return literal("true");
            }
            case 'f' -> {
                last = Boolean.FALSE;
                return literal("false");
            }
            case 'n' -> {
                last = null;
                return literal("null");
            }
            default -> {
                return number();
            }
        }
    }

    private boolean literal(String word) {
        int n = word.length();
        if (end - p < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[p + i] != word.charAt(i)) {
                return false;
            }
        }
        p += n;
        return atBoundary();
    }

    /** QuickJsonReader's number grammar and values: longs up to 18 digits, fractions as Double.parseDouble gives. */
    private boolean number() {
        int start = p;
        if (p < end && b[p] == '-') {
            p++;
        }
        int intStart = p;
        if (p < end && b[p] == '0') {
            p++;
        } else {
            digits();
        }
        int intDigits = p - intStart;
        if (intDigits == 0) {
            return false;
        }
        boolean fraction = false;
        if (p < end && b[p] == '.') {
            p++;
            fraction = true;
            if (digits() == 0) {
                return false;
            }
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            fraction = true;
            if (p < end && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            if (digits() == 0) {
                return false;
            }
        }
        if (p - start > MAX_NUMBER || !atBoundary()) {
            return false;
        }
        if (fraction) {
            String text = new String(b, start, p - start, StandardCharsets.ISO_8859_1);
            double plain = PlainDecimal.parse(text, intStart - start, text.length());
            last = Double.isNaN(plain) ? Double.parseDouble(text) : intStart > start ? -plain : plain;
            return true;
        }
        if (intDigits > 18) {
            return false;                              // Jackson may keep it as a BigInteger's text
        }
        long n = 0;
        for (int i = intStart; i < p; i++) {
            n = n * 10 + (b[i] - '0');
        }
        last = b[start] == '-' ? -n : n;
        return true;
    }

    private int digits() {
        int from = p;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        return p - from;
    }

    /** What may follow a number or literal here (whitespace other than spaces is refused anyway). */
    private boolean atBoundary() {
        if (p >= end) {
            return false;
        }
        byte next = b[p];
        return next == ',' || next == '}' || next == ']' || next == ' ';
    }

    /**
     * The record's string whose opening quote ({@code \"} in the payload) is at p, unescaped twice; a name comes
     * back as the instance handed out before for the same bytes. Null when it is not plain, or when the quote
     * opens {@code "log":"} or {@code "partial_message"} (see {@link EnvelopeKeys#ahead}).
     */
    private String string(boolean name) {
        if (p + 1 >= end || b[p] != '\\' || b[p + 1] != '"' || EnvelopeKeys.ahead(b, p + 2, end) != 0) {
            return null;
        }
        p += 2;
        escapes++;
        v = 0;
        while (true) {
            int run = PlainPayloadReader.copyRun(b, p, end, value, v, MAX_MESSAGE - v);
            if (run < 0) {
                return null;                            // over MAX_MESSAGE: the buffer stays bounded
            }
            p += run;
            v += run;
            if (p >= end || b[p] != '\\') {
                return null;                            // the payload string ends, or a raw control or non-ASCII byte
            }
            int n = SpelledStrings.escape(b, p, end, value, v);
            if (n == SpelledStrings.CLOSE) {
                escapes++;
                p += 2;
                return name ? name() : new String(value, 0, v, StandardCharsets.ISO_8859_1);
            }
            if (n == SpelledStrings.NOT_PLAIN) {
                return null;
            }
            v++;
            p += n;
            escapes += n - SpelledStrings.messageChars(n);   // payload bytes beyond the chars they spell
        }
    }

    /** The name just read into {@link #value}. */
    private String name() {
        if (v == 0 || v > MAX_KEY) {
            return new String(value, 0, v, StandardCharsets.ISO_8859_1);
        }
        int slot = (v * 31 + value[0] * 7 + value[v >> 1] * 17 + value[v - 1]) & (names.length - 1);
        byte[] known = nameBytes[slot];
        if (known != null && known.length == v && Arrays.equals(value, 0, v, known, 0, v)) {
            return names[slot];
        }
        String s = new String(value, 0, v, StandardCharsets.ISO_8859_1);
        names[slot] = s;
        nameBytes[slot] = Arrays.copyOf(value, v);
        return s;
    }

    private void skipSpaces() {
        while (p < end && b[p] == ' ') {
            p++;
        }
    }
}
