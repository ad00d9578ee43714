package io.logpipe.processor.decode;

/**
 * Text hygiene for every decoded message: strips ANSI escape sequences, NUL and other control characters
 * (keeping tab and newline), replaces lone UTF-16 surrogates with U+FFFD and drops trailing line breaks.
 * Invalid UTF-8 never reaches here: decoders turn it into U+FFFD while decoding bytes.
 *
 * <p>Hand-written because it runs on every event: the common clean line costs one scan and no allocation.
 */
public final class TextSanitizer {
    private static final char REPLACEMENT = '\uFFFD';
    private static final char ESC = 0x1B;

    private TextSanitizer() {
    }

    public static String clean(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (needsWork(c)) {
                return rebuild(s, i, end);
            }
        }
        return end == s.length() ? s : s.substring(0, end);
    }

    /** Only the trailing-line-break part of {@link #clean}: for text known to hold nothing else to clean. */
    public static String trimLineEnds(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }

    private static boolean needsWork(char c) {
        if (c >= 0x20 && c < 0x7F) {
            return false;                          // printable ASCII: the overwhelmingly common case
        }
        return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F) || Character.isSurrogate(c);
    }

    private static String rebuild(String s, int from, int end) {
        StringBuilder out = new StringBuilder(end);
        out.append(s, 0, from);
        int i = from;
        while (i < end) {
            char c = s.charAt(i);
            if (c == ESC) {
                i = skipEscape(s, i + 1, end);
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(i + 1));
                i += 2;
                continue;
            }
            if (Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
            } else if (c == '\r') {
                if (i + 1 >= end || s.charAt(i + 1) != '\n') {
                    out.append('\n');
                }
            } else if (!needsWork(c)) {
                out.append(c);
            }
            i++;
        }
        return out.toString();
    }

    /** Skips an escape sequence that started with ESC at {@code i - 1}: CSI, OSC, or a two-character escape. */
    private static int skipEscape(String s, int i, int end) {
        if (i >= end) {
            return i;
        }
        char kind = s.charAt(i);
        if (kind == '[') {                       // CSI: parameters, then one final byte 0x40-0x7E
            i++;
            while (i < end && (s.charAt(i) < 0x40 || s.charAt(i) > 0x7E)) {
                i++;
            }
            return Math.min(i + 1, end);
        }
        if (kind == ']') {                       // OSC: ends with BEL or ESC \
            i++;
            while (i < end && s.charAt(i) != 0x07 && !(s.charAt(i) == ESC && i + 1 < end && s.charAt(i + 1) == '\\')) {
                i++;
            }
            return i < end && s.charAt(i) == ESC ? Math.min(i + 2, end) : Math.min(i + 1, end);
        }
        return i + 1;                            // two-character escape such as ESC c or ESC (B
    }
}
