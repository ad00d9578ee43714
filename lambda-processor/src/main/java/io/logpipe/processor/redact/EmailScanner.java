package io.logpipe.processor.redact;

/**
 * Finds e-mail addresses {@code local@domain.tld} around each {@code @} (located with the {@code indexOf}
 * intrinsic): an ASCII local part of {@code [A-Za-z0-9._%+-]}, then at least two dot-separated labels of
 * {@code [A-Za-z0-9-]} ending in an all-letter top-level domain of two or more characters. Deliberately simple:
 * it aims at addresses as they appear in logs, not at RFC 5322.
 */
final class EmailScanner {

    void scanAll(String s, Spans out) {
        for (int at = s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) {
            scanAt(s, at, out);
        }
    }

    private static void scanAt(String s, int at, Spans out) {
        int start = at;
        while (start > 0 && isLocalChar(s.charAt(start - 1))) {
            start--;
        }
        if (start == at) {
            return;
        }
        int end = at + 1;
        int lastDot = -1;
        while (end < s.length()) {
            char c = s.charAt(end);
            if (c == '-' || CharClass.is(c, CharClass.LETTER | CharClass.DIGIT)) {
                end++;
            } else if (c == '.' && end > lastDot + 1 && end > at + 1 && end + 1 < s.length()
                    && CharClass.is(s.charAt(end + 1), CharClass.LETTER | CharClass.DIGIT)) {
                lastDot = end++;
            } else {
                break;
            }
        }
        if (lastDot > 0 && isTopLevelDomain(s, lastDot + 1, end)) {
            out.add(start, end);
        }
    }

    private static boolean isLocalChar(char c) {
        return CharClass.is(c, CharClass.LETTER | CharClass.DIGIT)
                || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isTopLevelDomain(String s, int from, int to) {
        if (to - from < 2) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!CharClass.is(s.charAt(i), CharClass.LETTER)) {
                return false;
            }
        }
        return true;
    }
}
