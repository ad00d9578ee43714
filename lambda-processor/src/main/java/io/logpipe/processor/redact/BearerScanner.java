package io.logpipe.processor.redact;

/**
 * Finds HTTP credentials introduced by an auth scheme: {@code Bearer <token>} anywhere in the text, and
 * {@code Basic <credentials>} when it directly follows an Authorization key ({@code Authorization: Basic …},
 * {@code "authorization":"Basic …"}), since "basic" alone is an ordinary English word. The scheme word is kept
 * and only the credentials are reported.
 *
 * <p>A bearer token is a run of RFC 6750 token characters {@code [A-Za-z0-9-._~+/]} plus trailing {@code =}.
 * To leave prose such as "the bearer of bad news" alone, a token outside an Authorization header must contain a
 * character other than a letter or be at least 20 characters long; real tokens always do.
 */
final class BearerScanner {

    private static final int MIN_LETTERS_ONLY_TOKEN = 20;
    private static final String AUTHORIZATION = "authorization";

    /**
     * Examines a {@code b}/{@code B} at {@code i}.
     *
     * @return the index before which no further scheme word needs examining
     */
    int scan(String s, int i, Spans out) {
        if (i > 0 && CharClass.isAlphanumeric(s.charAt(i - 1))) {
            return i + 1;
        }
        boolean bearer = isSchemeWord(s, i, "bearer");
        if (!bearer && !isSchemeWord(s, i, "basic")) {
            return i + 1;
        }
        int start = i + (bearer ? 6 : 5);
        while (start < s.length() && CharClass.isBlank(s.charAt(start))) {
            start++;
        }
        int end = tokenEnd(s, start);
        boolean header = followsAuthorizationKey(s, i);
        if (end > start && (header || (bearer && looksLikeToken(s, start, end)))) {
            out.add(start, end);
            return end;
        }
        return i + 1;
    }

    private static boolean isSchemeWord(String s, int i, String word) {
        int after = i + word.length();
        return after < s.length() && CharClass.isBlank(s.charAt(after))
                && s.regionMatches(true, i, word, 0, word.length());
    }

    /** End of the token at {@code from}; {@code from} itself when what follows is a {@code key=value} pair. */
    private static int tokenEnd(String s, int from) {
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

    /** Whether the scheme at {@code i} is the value of an Authorization key, quoted or not, maybe escaped. */
    private static boolean followsAuthorizationKey(String s, int i) {
        int j = skipQuoteBackwards(s, skipBlanksBackwards(s, i - 1));
        if (j < 0 || (s.charAt(j) != ':' && s.charAt(j) != '=')) {
            return false;
        }
        j = skipQuoteBackwards(s, skipBlanksBackwards(s, j - 1));
        int keyStart = j - AUTHORIZATION.length() + 1;
        return keyStart >= 0 && s.regionMatches(true, keyStart, AUTHORIZATION, 0, AUTHORIZATION.length())
                && (keyStart == 0 || !CharClass.is(s.charAt(keyStart - 1), CharClass.LETTER));
    }

    private static int skipBlanksBackwards(String s, int from) {
        int j = from;
        while (j >= 0 && CharClass.isBlank(s.charAt(j))) {
            j--;
        }
        return j;
    }

    private static int skipQuoteBackwards(String s, int j) {
        if (j >= 0 && (s.charAt(j) == '"' || s.charAt(j) == '\'')) {
            j--;
            if (j >= 0 && s.charAt(j) == '\\') {
                j--;
            }
        }
        return j;
    }
}
