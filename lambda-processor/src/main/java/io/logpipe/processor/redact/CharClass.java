package io.logpipe.processor.redact;

/**
 * ASCII character classes shared by the scanners, as one lookup table so the hot loop pays a single load per
 * character. The table is filled once in the static initialiser and never written afterwards.
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
    /** Trigger: {@code =} or {@code :} may end a sensitive key. */
    static final int T_SEPARATOR = 1 << 5;
    /** Trigger: {@code J} may be the third character of a JWT ({@code eyJ}). */
    static final int T_JWT = 1 << 6;
    /** Trigger: {@code A} may start an AWS access key id. */
    static final int T_AWS_ID = 1 << 7;
    /** Trigger: {@code b}/{@code B} may start "Bearer" or "Basic". */
    static final int T_AUTH_SCHEME = 1 << 8;
    /** Trigger: {@code @} may be the middle of an e-mail address. */
    static final int T_AT = 1 << 9;

    private static final short[] TABLE = buildTable();

    private CharClass() {
    }

    /** The flags of {@code c}; every non-ASCII character has none. */
    static int of(char c) {
        return c < 128 ? TABLE[c] : 0;
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

    private static short[] buildTable() {
        short[] t = new short[128];
        for (char c = 'a'; c <= 'z'; c++) {
            t[c] |= BASE64 | LETTER | KEY | BASE64URL;
            t[Character.toUpperCase(c)] |= BASE64 | LETTER | KEY | BASE64URL;
        }
        for (char c = '0'; c <= '9'; c++) {
            t[c] |= BASE64 | DIGIT | KEY | BASE64URL;
        }
        t['+'] |= BASE64;
        t['/'] |= BASE64;
        t['_'] |= KEY | BASE64URL;
        t['-'] |= KEY | BASE64URL;
        t['.'] |= KEY;
        t['='] |= T_SEPARATOR;
        t[':'] |= T_SEPARATOR;
        t['J'] |= T_JWT;
        t['A'] |= T_AWS_ID;
        t['b'] |= T_AUTH_SCHEME;
        t['B'] |= T_AUTH_SCHEME;
        t['@'] |= T_AT;
        return t;
    }
}
