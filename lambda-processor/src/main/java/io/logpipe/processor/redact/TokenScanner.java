package io.logpipe.processor.redact;

/**
 * Finds self-identifying credentials by shape: JSON Web Tokens, AWS access key ids and AWS secret access keys.
 */
final class TokenScanner {

    /** First four characters of AWS access key ids (long-term, temporary) and other AWS unique ids. */
    private static final String[] AWS_ID_PREFIXES =
            {"AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "ABIA", "ACCA"};
    private static final int AWS_ID_LENGTH = 20;
    static final int AWS_SECRET_LENGTH = 40;
    /** A JWT header is at least {@code {"alg":"x"}}, 15 base64url characters; 10 leaves margin. */
    private static final int MIN_JWT_HEADER = 10;

    /**
     * Examines a {@code J} at {@code j} that may be the third character of {@code eyJ} (base64 of
     * <code>{"</code>). A JWT is a header starting {@code eyJ}, a payload and a signature separated by dots; the
     * signature may be empty (unsecured JWT) and further dotted segments (JWE) are included.
     *
     * @return the index before which no further {@code J} needs examining
     */
    int jwt(String s, int j, Spans out) {
        int start = j - 2;
        if (start < 0 || s.charAt(start) != 'e' || s.charAt(start + 1) != 'y'
                || (start > 0 && CharClass.is(s.charAt(start - 1), CharClass.BASE64URL))) {
            return j + 1;
        }
        int headerEnd = base64UrlEnd(s, j + 1);
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

    /**
     * Examines an {@code A} at {@code i}: one of {@link #AWS_ID_PREFIXES} plus 16 of {@code [A-Z0-9]}, with no
     * letter or digit on either side.
     */
    void awsAccessKeyId(String s, int i, Spans out) {
        int end = i + AWS_ID_LENGTH;
        if (end > s.length() || (i > 0 && CharClass.isAlphanumeric(s.charAt(i - 1)))
                || (end < s.length() && CharClass.isAlphanumeric(s.charAt(end))) || !hasAwsIdPrefix(s, i)) {
            return;
        }
        for (int k = i + 4; k < end; k++) {
            char c = s.charAt(k);
            if (!((c >= 'A' && c <= 'Z') || CharClass.isDigit(c))) {
                return;
            }
        }
        out.add(i, end);
    }

    /**
     * Examines a complete run of exactly 40 base64 characters {@code [A-Za-z0-9+/]} (the caller tracks runs, so
     * the run is bounded by non-base64 characters, {@code =} included). It is reported only when it mixes upper
     * case, lower case and digits: AWS secret keys practically always do, while lower-case hex digests (SHA-1,
     * 40-char hex tokens, git commits) and upper-case ids never do and so stay readable.
     */
    void awsSecretKey(String s, int start, int end, Spans out) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= CharClass.isDigit(c);
        }
        if (upper && lower && digit) {
            out.add(start, end);
        }
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
}
