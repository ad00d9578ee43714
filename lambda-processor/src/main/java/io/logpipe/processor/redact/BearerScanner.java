package io.logpipe.processor.redact;

/**
 * Finds bearer tokens outside a key/value pair: {@code calling api with Bearer <token>}. (In
 * {@code Authorization: Bearer …} and {@code Authorization: Basic …} the credentials are found by
 * {@link KeyValueSecretScanner}, since the Authorization key gives the context "Basic" lacks on its own.)
 *
 * <p>The word is located with the {@code indexOf} intrinsic on "earer", which covers {@code bearer} and
 * {@code Bearer}; all-caps {@code BEARER} is only found after an Authorization key (by the key/value scan), since
 * a second search would cost as much as the first for a form that practically never stands alone.
 * The scheme word is kept and only the token is reported. A token is a run of RFC 6750 characters
 * {@code [A-Za-z0-9-._~+/]} plus trailing {@code =}. To leave prose such as "the bearer of bad news" alone, it
 * must contain a character other than a letter or be at least 20 characters long; real tokens always do.
 */
final class BearerScanner {

    private static final int MIN_LETTERS_ONLY_TOKEN = 20;

    private static final String TAIL = "earer";
    /** "bearer", a blank and a one-character token that is not a letter. */
    static final int SHORTEST_MATCH = 8;

    void scanAll(String s, Spans out) {
        for (int at = s.indexOf(TAIL, 1); at >= 0; at = s.indexOf(TAIL, at + TAIL.length())) {
            int word = at - 1;
            int after = at + TAIL.length();
            if ((s.charAt(word) == 'b' || s.charAt(word) == 'B')
                    && (word == 0 || !CharClass.isAlphanumeric(s.charAt(word - 1)))
                    && after < s.length() && CharClass.isBlank(s.charAt(after))) {
                reportToken(s, after, out);
            }
        }
    }

    private static void reportToken(String s, int afterWord, Spans out) {
        int start = afterWord;
        while (start < s.length() && CharClass.isBlank(s.charAt(start))) {
            start++;
        }
        int end = tokenEnd(s, start);
        if (end > start && looksLikeToken(s, start, end)) {
            out.add(start, end);
        }
    }

    /** End of the token at {@code from}; {@code from} itself when what follows is a {@code key=value} pair. */
    static int tokenEnd(String s, int from) {
        int i = from;
        while (i < s.length() && isTokenChar(s.charAt(i))) {
            i++;
        }
        int body = i;
        while (i < s.length() && s.charAt(i) == '=') {
            i++;
        }
        // "token_type=Bearer expires_in=3600": that '=' is a separator, not base64 padding
        boolean separator = i > body && i < s.length() && isTokenChar(s.charAt(i));
        return separator ? from : i;
    }

    private static boolean isTokenChar(char c) {
        return CharClass.is(c, CharClass.BASE64URL) || c == '.' || c == '~' || c == '+' || c == '/';
    }

    private static boolean looksLikeToken(String s, int start, int end) {
        if (end - start >= MIN_LETTERS_ONLY_TOKEN) {
            return true;
        }
        for (int i = start; i < end; i++) {
            if (!CharClass.is(s.charAt(i), CharClass.LETTER)) {
                return true;
            }
        }
        return false;
    }
}
