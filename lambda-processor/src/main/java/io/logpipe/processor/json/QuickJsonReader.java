package io.logpipe.processor.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fast path for {@link BoundedJsonReader} over one JSON object held in a String: the same values (LinkedHashMap,
 * ArrayList, String, Long, Double, Boolean, null), or null whenever the text is anything but plain,
 * well-formed, within-limits JSON. Callers then read it again with Jackson, which decides what an odd record
 * means (a syntax error, a limit to tag), so the fast path never has to agree with Jackson on failures, only
 * on successes; it therefore accepts a strict subset of what Jackson accepts.
 *
 * <p>Why: JSON lines and FireLens envelopes are a third of all events, and for records of a few hundred
 * characters Jackson's per-parser set-up, name canonicalisation and token state machine cost more than the
 * reading itself (~1 µs per JSON event in profiles). Not thread-safe (reuses a char buffer).
 */
public final class QuickJsonReader {
    private static final int MAX_TEXT = 1 << 20;       // far below Jackson's string and document limits
    private static final int MAX_NUMBER = 60;          // Jackson refuses numbers over 64 characters

    private final int maxDepth;
    private final int maxFields;
    private char[] c = new char[1024];
    private int end;
    private int pos;
    private int fields;
    private Object last;                               // the value read by the last call of value()
    private String text;                               // the text being read (c is its copy, unescaped in places)
    private boolean plainText;                         // no string so far held anything TextSanitizer would clean
    private static final int MAX_KNOWN_KEY = 40;
    private final String[] knownKeys = new String[256];

    public QuickJsonReader(int maxDepth, int maxFields) {
        this.maxDepth = Math.min(maxDepth, Json.MAX_NESTING - 1);
        this.maxFields = maxFields;
    }

    /** The object this text holds, exactly as Jackson and {@link BoundedJsonReader} would read it; null if unsure. */
    public Map<String, Object> readObject(String text) {
        this.text = text;
        try {
            return readWhole(text);
        } finally {
            this.text = null;
        }
    }

    /**
     * Whether every string of the object the last {@link #readObject} returned is printable ASCII, tab and
     * newline only (no raw character >= 0x7F, no {@code \r \b \f \}{@code u} escape; raw control
     * characters are refused anyway): then {@code TextSanitizer.clean} of any of them changes nothing but
     * trailing line breaks.
     */
    public boolean lastObjectWasPlainText() {
        return plainText;
    }

    private Map<String, Object> readWhole(String text) {
        int n = text.length();
        if (n > MAX_TEXT) {
            return null;
        }
        if (c.length < n) {
            c = new char[Math.max(n, c.length * 2)];
        }
        text.getChars(0, n, c, 0);
        end = n;
        pos = 0;
        fields = 0;
        plainText = true;
        skipSpace();
        if (pos >= end || c[pos] != '{') {
            return null;
        }
        Map<String, Object> map = object(1);
        if (map == null) {
            return null;
        }
        skipSpace();
        return pos == end ? map : null;
    }

    /** Reads the object whose '{' is at pos, at nesting depth {@code depth}. */
    private Map<String, Object> object(int depth) {
        if (depth > maxDepth) {
            return null;
        }
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (pos < end && c[pos] == '}') {
            pos++;
            return map;
        }
        while (true) {
            if (pos >= end || c[pos] != '"' || ++fields > maxFields) {
                return null;
            }
            String name = key();
            if (name == null) {
                return null;
            }
            skipSpace();
            if (pos >= end || c[pos] != ':') {
                return null;
            }
            pos++;
            skipSpace();
            if (!value(depth)) {
                return null;
            }
            map.put(name, last);
            skipSpace();
            if (pos >= end) {
                return null;
            }
            char next = c[pos++];
            if (next == '}') {
                return map;
            }
            if (next != ',') {
                return null;
            }
            skipSpace();
        }
    }

    private List<Object> array(int depth) {
        if (depth > maxDepth) {
            return null;
        }
        pos++;
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (pos < end && c[pos] == ']') {
            pos++;
            return list;
        }
        while (true) {
            if (++fields > maxFields || !value(depth)) {
                return null;
            }
            list.add(last);
            skipSpace();
            if (pos >= end) {
                return null;
            }
            char next = c[pos++];
            if (next == ']') {
                return list;
            }
            if (next != ',') {
                return null;
            }
            skipSpace();
        }
    }

    /** Reads the value at pos into {@link #last}; false if unsure. {@code depth}: that of the enclosing container. */
    private boolean value(int depth) {
        if (pos >= end) {
            return false;
        }
        char first = c[pos];
        switch (first) {
            case '"' -> {
                last = string();
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
        if (pos + n > end) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (c[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        pos += n;
        return atBoundary();
    }

    /** JSON's number grammar only (no leading zeros, '+', '.5', NaN); longs up to 18 digits, doubles as Jackson. */
    private boolean number() {
        int start = pos;
        if (pos < end && c[pos] == '-') {
            pos++;
        }
        int intStart = pos;
        if (pos < end && c[pos] == '0') {
            pos++;
        } else {
            digits();
        }
        int intDigits = pos - intStart;
        if (intDigits == 0) {
            return false;
        }
        boolean fraction = false;
        if (pos < end && c[pos] == '.') {
            pos++;
            fraction = true;
            if (digits() == 0) {
                return false;
            }
        }
        if (pos < end && (c[pos] == 'e' || c[pos] == 'E')) {
            pos++;
            fraction = true;
            if (pos < end && (c[pos] == '+' || c[pos] == '-')) {
                pos++;
            }
            if (digits() == 0) {
                return false;
            }
        }
        if (pos - start > MAX_NUMBER || !atBoundary()) {
            return false;
        }
        if (fraction) {
            // outside strings the text and c agree, so the plain form is read from the text
            double plain = PlainDecimal.parse(text, intStart, pos);
            last = Double.isNaN(plain) ? Double.parseDouble(new String(c, start, pos - start))
                    : intStart > start ? -plain : plain;
            return true;
        }
        if (intDigits > 18) {
            return false;                           // Jackson may keep it as a BigInteger's text
        }
        long v = 0;
        for (int i = intStart; i < pos; i++) {
            v = v * 10 + (c[i] - '0');
        }
        last = c[start] == '-' ? -v : v;
        return true;
    }

    private int digits() {
        int from = pos;
        while (pos < end && c[pos] >= '0' && c[pos] <= '9') {
            pos++;
        }
        return pos - from;
    }

    /** What may follow a number or literal without Jackson complaining. */
    private boolean atBoundary() {
        if (pos >= end) {
            return true;
        }
        char next = c[pos];
        return next == ',' || next == '}' || next == ']' || next == ' ' || next == '\n' || next == '\r' || next == '\t';
    }

    /**
     * Reads a field name like {@link #string}, returning the String of an earlier record when the same plain name
     * recurs (a small table, one slot per cheap hash): names repeat in every record, and allocating and hashing
     * each anew (the map hashes every key) was ~1.5 % of the job. Equal content either way.
     */
    private String key() {
        int start = ++pos;
        while (pos < end) {
            char ch = c[pos];
            if (ch == '"') {
                return knownKey(start, pos++ - start);
            }
            if (ch == '\\') {
                return escapedString(start);
            }
            if (ch < 0x20 || ch >= 0x7F) {
                if (ch < 0x20) {
                    return null;
                }
                plainText = false;
            }
            pos++;
        }
        return null;
    }

    private String knownKey(int start, int n) {
        if (n == 0 || n > MAX_KNOWN_KEY) {
            return text.substring(start, start + n);
        }
        int slot = (n * 31 + c[start] * 7 + c[start + (n >> 1)] * 17 + c[start + n - 1]) & (knownKeys.length - 1);
        String known = knownKeys[slot];
        if (known != null && known.length() == n && text.regionMatches(start, known, 0, n)) {
            return known;
        }
        String key = text.substring(start, start + n);
        knownKeys[slot] = key;
        return key;
    }

    /** Reads the string whose opening quote is at pos; null on a raw control character or a bad escape. */
    private String string() {
        int start = ++pos;
        while (pos < end) {
            char ch = c[pos];
            if (ch == '"') {
                // c and text agree outside strings already unescaped; substring copies a one-byte string
                // directly, where new String(char[]) has to compress it (measured ~1.5 % of the job)
                return text.substring(start, pos++);
            }
            if (ch == '\\') {
                return escapedString(start);
            }
            if (ch < 0x20 || ch >= 0x7F) {
                if (ch < 0x20) {
                    return null;
                }
                plainText = false;
            }
            pos++;
        }
        return null;
    }

    /**
     * The rest of a string that holds escapes, unescaped in place: the text is our own copy and the unescaped
     * form is never longer, so it is written behind the read position (a StringBuilder appending char by
     * char cost more than all the rest of the reading).
     */
    private String escapedString(int start) {
        int w = pos;
        while (pos < end) {
            char ch = c[pos++];
            if (ch == '"') {
                return new String(c, start, w - start);
            }
            if (ch < 0x20) {
                return null;
            }
            if (ch >= 0x7F) {
                plainText = false;
            }
            if (ch != '\\') {
                c[w++] = ch;
                continue;
            }
            if (pos >= end) {
                return null;
            }
            char e = c[pos++];
            switch (e) {
                case '"', '\\', '/' -> c[w++] = e;
                case 'n' -> c[w++] = '\n';
                case 't' -> c[w++] = '\t';
                case 'r' -> {
                    c[w++] = '\r';
                    plainText = false;
                }
                case 'b' -> {
                    c[w++] = '\b';
                    plainText = false;
                }
                case 'f' -> {
                    c[w++] = '\f';
                    plainText = false;
                }
                case 'u' -> {
                    plainText = false;
                    int code = hex4();
                    if (code < 0) {
                        return null;
                    }
                    c[w++] = (char) code;
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    private int hex4() {
        if (pos + 4 > end) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            char h = c[pos++];
            int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
            if (d < 0) {
                return -1;                          // ASCII hex digits only, as Jackson
            }
            v = v << 4 | d;
        }
        return v;
    }

    private void skipSpace() {
        while (pos < end) {
            char ch = c[pos];
            if (ch > ' ' || (ch != ' ' && ch != '\n' && ch != '\r' && ch != '\t')) {
                return;                                 // one compare ends it for every non-space char
            }
            pos++;
        }
    }
}
