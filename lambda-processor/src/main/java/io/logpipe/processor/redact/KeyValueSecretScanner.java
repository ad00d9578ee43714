package io.logpipe.processor.redact;

import io.logpipe.processor.bytes.ByteLanes;

import java.nio.charset.StandardCharsets;

/**
 * Finds values of sensitive keys in free text: {@code password=x}, {@code password: x}, {@code "password":"x"},
 * {@code 'api_key': 'x'}, {@code ?token=x&y=1}, escaped JSON inside a message ({@code \"token\":\"x\"}).
 * Only the value is reported, so the key and separator stay readable.
 *
 * <p>One pass looks for {@code =} and {@code :}; the last two characters of the key before each are checked
 * against the pairs that can end a sensitive key ({@link SensitiveKeys#mayEndWith(char, char)}), which rejects
 * almost every separator after one table lookup.
 *
 * <p>In scheme-only mode (used when only {@link RedactionRule#BEARER_TOKENS} is on) the keys are just
 * Authorization ones and only credentials after an auth scheme word are reported.
 *
 * <p>Value rules: blanks after {@code :} are skipped, after {@code =} only when blanks also precede it
 * ({@code password = x}, but {@code password= user=bob} has an empty value). A quoted value ends at its
 * closing quote (backslash escapes honoured); an unquoted one ends at whitespace, {@code & , ;},
 * <code>}</code> or {@code "}. A leading HTTP auth scheme ({@code Bearer}, {@code Basic}, …) is kept. Empty
 * values, {@code null}, values already reading {@code [REDACTED…]} and unquoted values opening an object or
 * array are left alone; the keys inside an object are checked on their own.
 */
final class KeyValueSecretScanner {

    private static final String[] AUTH_SCHEMES = {"bearer", "basic", "digest", "negotiate", "token"};

    private final SensitiveKeys keys;
    private final boolean schemeOnly;

    KeyValueSecretScanner(SensitiveKeys keys, boolean schemeOnly) {
        this.keys = keys;
        this.schemeOnly = schemeOnly;
    }

    /** Below this length the separators are searched char by char: a byte copy would cost more than it saves. */
    private static final int BYTE_VIEW_MIN = 32;

    /**
     * Visits every {@code =} and {@code :} in order, resuming after each redacted value. The search reads a
     * Latin-1 copy of the text eight bytes at a time (the JDK copies a one-byte string with an intrinsic); the
     * char loop it replaced was ~4 % of the job, reading every char of ~600,000 texts a pass. The copy is used
     * only when it has one byte per char (no surrogate pair folded into one '?'), so its indexes are the text's;
     * a char above 0xFF becomes '?', which is no separator. Short texts keep the char loop.
     */
    void scanAll(String s, Spans out) {
        byte[] view = byteView(s);
        for (int sep = nextSeparator(s, view, 1); sep >= 0; ) {
            int resume = mayFollowKey(s, sep) ? scan(s, sep, out) : sep + 1; // values are not searched for keys
            sep = nextSeparator(s, view, resume);
        }
    }

    /** The text's Latin-1 copy when it is long enough and has one byte per char; null to search the chars. */
    private static byte[] byteView(String s) {
        if (s.length() < BYTE_VIEW_MIN) {
            return null;
        }
        byte[] view = s.getBytes(StandardCharsets.ISO_8859_1);
        return view.length == s.length() ? view : null;
    }

    private static int nextSeparator(String s, byte[] view, int from) {
        return view != null ? nextSeparator(view, from) : nextSeparator(s, from);
    }

    /** One unsigned compare per char catches both separators (and the rare {@code ;} and {@code <} between them). */
    private static int nextSeparator(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((char) (c - ':') <= '=' - ':' && (c == '=' || c == ':')) {
                return i;
            }
        }
        return -1;
    }

    private static int nextSeparator(byte[] view, int from) {
        int i = from;
        for (; i + 8 <= view.length; i += 8) {
            long w = ByteLanes.word(view, i);
            long hits = ByteLanes.equal(w, '=') | ByteLanes.equal(w, ':');
            if (hits != 0) {
                return ByteLanes.firstLane(i, hits);
            }
        }
        for (; i < view.length; i++) {
            if (view[i] == '=' || view[i] == ':') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The cheap filter: the last two characters of the key (past one closing, maybe escaped, quote) must be a
     * pair that ends some sensitive key.
     */
    private boolean mayFollowKey(String s, int sep) {
        int k = sep - 1;
        char c = s.charAt(k);
        if (c == '"' || c == '\'') {
            if (--k >= 0 && s.charAt(k) == '\\') {
                k--;
            }
            if (k < 0) {
                return false;
            }
            c = s.charAt(k);
        }
        if (CharClass.isBlank(c)) {
            return true; // "password : x": let the full check look past the blanks
        }
        return k == 0 ? keys.mayEndWith(c) : keys.mayEndWith(s.charAt(k - 1), c);
    }

    /**
     * Examines the separator at {@code sep}.
     *
     * @return the index before which no further separator needs examining (the end of a redacted value)
     */
    private int scan(String s, int sep, Spans out) {
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
                int token = afterScheme(s, start, close);
                if (token >= 0 || !schemeOnly) {
                    report(s, token >= 0 ? token : start, close, out);
                }
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
        int token = afterScheme(s, v, s.length());
        if (token < 0 && schemeOnly) {
            return v + 1;
        }
        int start = token >= 0 ? token : v;
        int end = unquotedEnd(s, start);
        if (!(end - start == 4 && s.startsWith("null", start))) {
            report(s, start, end, out);
        }
        return end;
    }

    private static void report(String s, int start, int end, Spans out) {
        if (start < end && !s.startsWith(Replacement.MASK_PREFIX, start)) {
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

    /** Start of the credentials after a leading auth scheme word, or -1 when there is none. */
    private static int afterScheme(String s, int start, int limit) {
        if (start >= limit) {
            return -1;
        }
        char first = CharClass.lower(s.charAt(start));
        if (first != 'b' && first != 'd' && first != 'n' && first != 't') {
            return -1; // not the initial of any scheme: skip the case-insensitive comparisons
        }
        for (String scheme : AUTH_SCHEMES) {
            int after = start + scheme.length();
            if (after < limit && CharClass.isBlank(s.charAt(after))
                    && s.regionMatches(true, start, scheme, 0, scheme.length())) {
                int token = skipBlanks(s, after);
                return token < limit ? token : -1;
            }
        }
        return -1;
    }

    private static int skipBlanks(String s, int from) {
        int i = from;
        while (i < s.length() && CharClass.isBlank(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
