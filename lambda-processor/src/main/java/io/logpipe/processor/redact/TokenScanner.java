package io.logpipe.processor.redact;

/**
 * Finds self-identifying credentials by shape: JSON Web Tokens, AWS access key ids and AWS secret access keys.
 * Each kind has its own pass built on the {@code indexOf} intrinsic or a skip search ({@link CharClass#nextRun}),
 * so clean text costs a fraction of a read per character.
 */
final class TokenScanner {

    /** First four characters of AWS access key ids (long-term, temporary) and other AWS unique ids. */
    private static final String[] AWS_ID_PREFIXES =
            {"AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "ABIA", "ACCA"};
    static final int AWS_ID_LENGTH = 20;
    static final int AWS_SECRET_LENGTH = 40;
    /** A JWT header is at least {@code {"alg":"x"}}, 15 base64url characters; 10 leaves margin. */
    private static final int MIN_JWT_HEADER = 10;
    /** Base64 of <code>{"</code>, the start of every JWT header. */
    private static final String JWT_START = "eyJ";
    /** The shortest JWT: a header, a dot, a two-character payload and a dot (an empty signature). */
    static final int SHORTEST_JWT = MIN_JWT_HEADER + 1 + 2 + 1;

    /**
     * JWTs: a header starting {@code eyJ}, a payload and a signature separated by dots, not glued to other
     * base64url characters. The signature may be empty (unsecured JWT); further dotted segments (JWE) are
     * included. Candidates are found through the rare {@code J} with the {@code indexOf} intrinsic.
     */
    void scanJwts(String s, Spans out) {
        int j = s.indexOf('J', 2);
        while (j >= 0) {
            int next = s.charAt(j - 1) == 'y' && s.charAt(j - 2) == 'e' ? jwtAt(s, j - 2, out) : j + 1;
            j = s.indexOf('J', Math.max(next, j + 1));
        }
    }

    /**
     * AWS access key ids: one of {@link #AWS_ID_PREFIXES} plus 16 of {@code [A-Z0-9]}, with no letter or digit of
     * any case on either side; that is, a whole run of exactly 20 {@code [A-Z0-9]} that starts with a prefix and
     * touches no other letter or digit. Such runs are found by a skip search ({@link CharClass#nextRun}), about
     * one read per 20 chars: searching every {@code A} with {@code indexOf} cost a call per capital A in the text.
     */
    void scanAccessKeyIds(String s, Spans out) {
        for (long run = CharClass.nextRun(s, 0, CharClass.UPPER_OR_DIGIT, AWS_ID_LENGTH); run >= 0;
                run = CharClass.nextRun(s, end(run), CharClass.UPPER_OR_DIGIT, AWS_ID_LENGTH)) {
            int a = start(run);
            int end = end(run);
            if (end - a == AWS_ID_LENGTH && hasAwsIdPrefix(s, a)
                    && (a == 0 || !CharClass.isAlphanumeric(s.charAt(a - 1)))
                    && (end == s.length() || !CharClass.isAlphanumeric(s.charAt(end)))) {
                out.add(a, end);
            }
        }
    }

    /**
     * AWS secret access keys: a run of exactly 40 base64 characters {@code [A-Za-z0-9+/]}, bounded by other
     * characters ({@code =} included, so padding may follow), that mixes upper case, lower case and digits.
     * AWS secret keys practically always do, while lower-case hex digests (SHA-1, 40-char hex tokens, git
     * commits) and upper-case ids never do and so stay readable.
     */
    void scanSecretKeys(String s, Spans out) {
        for (long run = CharClass.nextRun(s, 0, CharClass.BASE64, AWS_SECRET_LENGTH); run >= 0;
                run = CharClass.nextRun(s, end(run), CharClass.BASE64, AWS_SECRET_LENGTH)) {
            if (end(run) - start(run) == AWS_SECRET_LENGTH && mixesCaseAndDigits(s, start(run), end(run))) {
                out.add(start(run), end(run));
            }
        }
    }

    /** @return where the search for the next JWT may resume */
    private static int jwtAt(String s, int start, Spans out) {
        if (start > 0 && CharClass.is(s.charAt(start - 1), CharClass.BASE64URL)) {
            return start + 1;
        }
        int headerEnd = base64UrlEnd(s, start + JWT_START.length());
        if (headerEnd - start < MIN_JWT_HEADER || !isDot(s, headerEnd)) {
            return headerEnd;
        }
        int payloadEnd = base64UrlEnd(s, headerEnd + 1);
        if (payloadEnd - headerEnd - 1 < 2 || !isDot(s, payloadEnd)) {
            return payloadEnd;
        }
        int end = base64UrlEnd(s, payloadEnd + 1);
        while (isDot(s, end) && end + 1 < s.length() && CharClass.is(s.charAt(end + 1), CharClass.BASE64URL)) {
            end = base64UrlEnd(s, end + 1);
        }
        out.add(start, end);
        return end;
    }

    private static boolean mixesCaseAndDigits(String s, int start, int end) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= CharClass.isDigit(c);
        }
        return upper && lower && digit;
    }

    private static boolean hasAwsIdPrefix(String s, int i) {
        for (String prefix : AWS_ID_PREFIXES) {
            if (s.startsWith(prefix, i)) {
                return true;
            }
        }
        return false;
    }

    private static int base64UrlEnd(String s, int from) {
        int i = from;
        while (i < s.length() && CharClass.is(s.charAt(i), CharClass.BASE64URL)) {
            i++;
        }
        return i;
    }

    private static boolean isDot(String s, int i) {
        return i < s.length() && s.charAt(i) == '.';
    }

    private static int start(long run) {
        return (int) (run >>> 32);
    }

    private static int end(long run) {
        return (int) run;
    }
}
