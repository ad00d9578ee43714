package io.logpipe.processor.enrich;

/**
 * Masks the variable parts of an error text: digit runs become {@code 0}, hex-looking runs of 8+ chars
 * (ids, hashes, lambda class suffixes) and whole UUIDs become {@code x}. So "Order 12 closed" and
 * "Order 9931 closed" share a shape, and so do two frames differing only in line numbers.
 */
final class ShapeMasker {
    private static final int UUID_LENGTH = 36;
    private ShapeMasker() {
    }

    static void mask(String text, StringBuilder out) {
        if (text == null) {
            return;
        }
        int n = Math.min(text.length(), 512);
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!isLetterOrDigit(c)) {
                out.append(c);
                i++;
                continue;
            }
            if (isUuid(text, i, n)) {                 // its 4-char groups are too short to look like hex ids
                out.append('x');
                i += UUID_LENGTH;
                continue;
            }
            int end = i;
            boolean digit = false;
            while (end < n && isLetterOrDigit(text.charAt(end))) {
                digit |= isDigit(text.charAt(end));
                end++;
            }
            if (digit && (allDigits(text, i, end) || (end - i >= 8 && isHex(text, i, end)))) {
                out.append(allDigits(text, i, end) ? '0' : 'x');
            } else if (digit) {
                maskDigits(text, i, end, out);
            } else {
                out.append(text, i, end);
            }
            i = end;
        }
    }

    private static void maskDigits(String text, int from, int to, StringBuilder out) {
        boolean inDigits = false;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (isDigit(c)) {
                if (!inDigits) {
                    out.append('0');
                }
                inDigits = true;
            } else {
                out.append(c);
                inDigits = false;
            }
        }
    }

    /** {@code 8-4-4-4-12} hex digits starting at {@code i}, not glued to a longer alphanumeric run. */
    private static boolean isUuid(String s, int i, int n) {
        int end = i + UUID_LENGTH;
        if (end > n || (end < n && isLetterOrDigit(s.charAt(end)))) {
            return false;
        }
        for (int k = 0; k < UUID_LENGTH; k++) {
            char c = s.charAt(i + k);
            if (k == 8 || k == 13 || k == 18 || k == 23 ? c != '-' : !isUuidHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (!isDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (!isHexDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    // ASCII answers from a table, the rest from Character exactly as before: the Character calls were most of
    // the masking's time (~1.5 % of the job over error messages and stack frames)
    private static final int WORD = 1, DIGIT = 2, HEX = 4;
    private static final byte[] ASCII = new byte[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            ASCII[c] = WORD | DIGIT | HEX;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ASCII[c] = (byte) (WORD | (c <= 'f' ? HEX : 0));
            ASCII[Character.toUpperCase(c)] = ASCII[c];
        }
    }

    private static boolean isLetterOrDigit(char c) {
        return c < 128 ? (ASCII[c] & WORD) != 0 : Character.isLetterOrDigit(c);
    }

    private static boolean isDigit(char c) {
        return c < 128 ? (ASCII[c] & DIGIT) != 0 : Character.isDigit(c);
    }

    /** A digit or a-f in either case (non-ASCII: a Unicode digit, or a char whose lower case is a-f). */
    private static boolean isHexDigit(char c) {
        if (c < 128) {
            return (ASCII[c] & HEX) != 0;
        }
        char lower = Character.toLowerCase(c);
        return Character.isDigit(lower) || (lower >= 'a' && lower <= 'f');
    }

    /** What {@code Character.digit(c, 16) >= 0} says. */
    private static boolean isUuidHexDigit(char c) {
        return c < 128 ? (ASCII[c] & HEX) != 0 : Character.digit(c, 16) >= 0;
    }
}
