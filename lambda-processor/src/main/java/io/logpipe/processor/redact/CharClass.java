package io.logpipe.processor.redact;

/**
 * ASCII character classes shared by the scanners, as one lookup table. The table is filled once in the static
 * initialiser and never written afterwards.
 */
final class CharClass {

    /** {@code [A-Za-z0-9+/]}: characters of standard base64 (AWS secret keys). */
    static final int BASE64 = 1;
    /** {@code [0-9]}. */
    static final int DIGIT = 1 << 1;
    /** {@code [A-Za-z]}. */
    static final int LETTER = 1 << 2;
    /** {@code [A-Za-z0-9_.-]}: characters allowed in a key of {@code key=value} text. */
    static final int KEY = 1 << 3;
    /** {@code [A-Za-z0-9_-]}: base64url, the alphabet of JWT segments. */
    static final int BASE64URL = 1 << 4;
    /** {@code [A-Z0-9]}: the alphabet of AWS access key ids. */
    static final int UPPER_OR_DIGIT = 1 << 5;

    private static final byte[] TABLE = buildTable();

    private CharClass() {
    }

    static boolean is(char c, int flag) {
        return c < 128 && (TABLE[c] & flag) != 0;
    }

    /** Letters and digits in any script: a card number or key id must not touch one of these. */
    static boolean isAlphanumeric(char c) {
        return c < 128 ? (TABLE[c] & (LETTER | DIGIT)) != 0 : Character.isLetterOrDigit(c);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** ASCII-only lower-casing: key names are ASCII and this avoids the locale-aware slow path. */
    static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /**
     * Finds the next maximal run of {@code flag} characters at least {@code minLength} long, starting at or after
     * {@code from} (which must not be inside a run). Skip search: if the character {@code minLength - 1} ahead
     * is outside the class, no long enough run can cover it, so the probe jumps {@code minLength} characters.
     * Ordinary text thus costs about one read per {@code minLength} characters. When a probe hits a class
     * character, the run through it would have to reach {@code minLength - 1} past its start: that stretch is
     * read from its far end back, so a word ends the check at its first character from the right and the
     * search resumes a whole {@code minLength} past that character. (Reading the word forwards to its end and
     * jumping from there cost ~25 % more in the AWS-secret pass over the corpus texts.)
     *
     * @return the run as {@code start << 32 | end}, or -1 when there is none
     */
    static long nextRun(String s, int from, int flag, int minLength) {
        int n = s.length();
        int p = from + minLength - 1;
        while (p < n) {
            if (!is(s.charAt(p), flag)) {
                p += minLength;
                continue;
            }
            int start = p;
            while (start > from && is(s.charAt(start - 1), flag)) {
                start--;
            }
            int last = start + minLength - 1; // a long enough run through p reaches at least this far
            if (last >= n) {
                return -1;
            }
            int k = last;
            while (k > p && is(s.charAt(k), flag)) {
                k--;
            }
            if (k > p) {
                p = k + minLength; // s[k] is outside the class: no long enough run starts at or before it
                continue;
            }
            int end = last + 1;
            while (end < n && is(s.charAt(end), flag)) {
                end++;
            }
            return ((long) start << 32) | end;
        }
        return -1;
    }

    private static byte[] buildTable() {
        byte[] t = new byte[128];
        for (char c = 'a'; c <= 'z'; c++) {
            t[c] |= BASE64 | LETTER | KEY | BASE64URL;
            t[Character.toUpperCase(c)] |= BASE64 | LETTER | KEY | BASE64URL | UPPER_OR_DIGIT;
        }
        for (char c = '0'; c <= '9'; c++) {
            t[c] |= BASE64 | DIGIT | KEY | BASE64URL | UPPER_OR_DIGIT;
        }
        t['+'] |= BASE64;
        t['/'] |= BASE64;
        t['_'] |= KEY | BASE64URL;
        t['-'] |= KEY | BASE64URL;
        t['.'] |= KEY;
        return t;
    }
}
