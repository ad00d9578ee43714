package io.logpipe.processor.redact;

/**
 * Finds values of sensitive keys in free text: {@code password=x}, {@code password: x}, {@code "password":"x"},
 * {@code 'api_key': 'x'}, {@code ?token=x&y=1}, escaped JSON inside a message ({@code \"token\":\"x\"}).
 * Only the value is reported, so the key and separator stay readable.
 *
 * <p>The caller invokes it at each {@code =} or {@code :}; the key before it is checked first, which rejects
 * almost every separator after one character (see {@link SensitiveKeys}).
 *
 * <p>Value rules: blanks after {@code :} are skipped, after {@code =} only when blanks also precede it
 * ({@code password = x}, but {@code password= user=bob} has an empty value). A quoted value ends at its closing quote
 * (backslash escapes honoured); an unquoted one ends at whitespace, {@code & , ;}, <code>}</code> or {@code "}. A leading HTTP
 * auth scheme ({@code Bearer}, {@code Basic}, …) is kept. Empty values, {@code null}, values already reading
 * {@code [REDACTED…]} and unquoted values opening an object or array are left alone; the keys inside an object
 * are checked on their own.
 */
final class KeyValueSecretScanner {

    private static final String[] AUTH_SCHEMES = {"bearer", "basic", "digest", "negotiate", "token"};
    private static final String ALREADY_REDACTED = "[REDACTED";

    private final SensitiveKeys keys;

    KeyValueSecretScanner(SensitiveKeys keys) {
        this.keys = keys;
    }

    /**
     * Examines the separator at {@code sep}.
     *
     * @return the index before which no further separator needs examining (the end of a redacted value)
     */
    int scan(String s, int sep, Spans out) {
        int keyEnd = keyEnd(s, sep);
        if (keyEnd <= 0 || !keys.matchesTextKeyEndingAt(s, keyEnd)) {
            return sep + 1;
        }
        // "password: x" and "password = x" put blanks after the separator; "password= user=bob" has an empty value
        boolean blanksAllowed = s.charAt(sep) == ':' || CharClass.isBlank(s.charAt(sep - 1));
        return reportValue(s, blanksAllowed ? skipBlanks(s, sep + 1) : sep + 1, out);
    }

    /** Index just after the key that precedes {@code sep}, skipping blanks and a closing (escaped) quote. */
    private static int keyEnd(String s, int sep) {
        int j = sep - 1;
        while (j >= 0 && CharClass.isBlank(s.charAt(j))) {
            j--;
        }
        if (j >= 0 && (s.charAt(j) == '"' || s.charAt(j) == '\'')) {
            j--;
            if (j >= 0 && s.charAt(j) == '\\') {
                j--;
            }
        }
        return j >= 0 && CharClass.is(s.charAt(j), CharClass.KEY) ? j + 1 : -1;
    }

    private int reportValue(String s, int v, Spans out) {
        int n = s.length();
        if (v >= n) {
            return n;
        }
        char c = s.charAt(v);
        boolean escapedQuote = c == '\\' && v + 1 < n && s.charAt(v + 1) == '"';
        if (escapedQuote || c == '"' || c == '\'') {
            int start = v + (escapedQuote ? 2 : 1);
            int close = closingQuote(s, start, escapedQuote ? '"' : c, escapedQuote);
            if (close >= 0) {
                report(s, afterScheme(s, start, close), close, out);
                return close;
            }
            return reportUnquoted(s, start, out);
        }
        if (c == '{' || c == '[') {
            return v; // nested structure: its own keys are examined one by one
        }
        return reportUnquoted(s, v, out);
    }

    private int reportUnquoted(String s, int v, Spans out) {
        int start = afterScheme(s, v, s.length());
        int end = unquotedEnd(s, start);
        if (!(end - start == 4 && s.startsWith("null", start))) {
            report(s, start, end, out);
        }
        return end;
    }

    private static void report(String s, int start, int end, Spans out) {
        if (start < end && !s.startsWith(ALREADY_REDACTED, start)) {
            out.add(start, end);
        }
    }

    private static int unquotedEnd(String s, int from) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c <= ' ' || c == '&' || c == ',' || c == ';' || c == '}' || c == '"') {
                break;
            }
            i++;
        }
        return i;
    }

    /** Index of the quote closing a value opened at {@code from}, or -1 if the line ends first. */
    private static int closingQuote(String s, int from, char quote, boolean escaped) {
        return escaped ? closingEscapedQuote(s, from) : closingPlainQuote(s, from, quote);
    }

    private static int closingPlainQuote(String s, int from, char quote) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++; // skip the escaped character
            } else if (c == quote || c == '\n') {
                return c == quote ? i : -1;
            }
        }
        return -1;
    }

    /**
     * The closing {@code \"} of a value inside JSON that was itself escaped into a string. There every escape is
     * doubled: {@code \\} is one backslash of the inner JSON, so the {@code \"} right after an odd number of them
     * is an escaped quote inside the value, not its end.
     */
    private static int closingEscapedQuote(String s, int from) {
        boolean innerEscape = false;
        for (int i = from; i + 1 < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                return -1;
            }
            if (c != '\\') {
                innerEscape = false;
                continue;
            }
            char next = s.charAt(++i);
            if (next == '"' && !innerEscape) {
                return i - 1;
            }
            innerEscape = next == '\\' && !innerEscape;
        }
        return -1;
    }

    /** Start of the credentials after a leading auth scheme word, or {@code start} when there is none. */
    private static int afterScheme(String s, int start, int limit) {
        for (String scheme : AUTH_SCHEMES) {
            int after = start + scheme.length();
            if (after < limit && CharClass.isBlank(s.charAt(after))
                    && s.regionMatches(true, start, scheme, 0, scheme.length())) {
                int token = skipBlanks(s, after);
                return token < limit ? token : start;
            }
        }
        return start;
    }

    private static int skipBlanks(String s, int from) {
        int i = from;
        while (i < s.length() && CharClass.isBlank(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
