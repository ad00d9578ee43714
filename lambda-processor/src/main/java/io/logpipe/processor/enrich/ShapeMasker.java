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
            if (!Character.isLetterOrDigit(c)) {
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
            while (end < n && Character.isLetterOrDigit(text.charAt(end))) {
                digit |= Character.isDigit(text.charAt(end));
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
            if (Character.isDigit(c)) {
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
        if (end > n || (end < n && Character.isLetterOrDigit(s.charAt(end)))) {
            return false;
        }
        for (int k = 0; k < UUID_LENGTH; k++) {
            char c = s.charAt(i + k);
            if (k == 8 || k == 13 || k == 18 || k == 23 ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (!Character.isDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = Character.toLowerCase(s.charAt(k));
            if (!(Character.isDigit(c) || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
