package io.logpipe.processor.parse.stacktrace;

/**
 * Parses an exception header line, {@code [Exception in thread "main" ]com.acme.Boom: message} or
 * {@code ValueError: message}, into {type, message-or-null}.
 */
final class ExceptionLine {
    private static final String THREAD_PREFIX = "Exception in thread \"";

    private ExceptionLine() {
    }

    static String[] parse(String m, int start, int end) {
        if (m.startsWith(THREAD_PREFIX, start)) {
            int close = m.indexOf("\" ", start + THREAD_PREFIX.length());
            if (close > 0 && close < end) {
                start = close + 2;
            }
        }
        if (m.startsWith("Caused by: ", start)) {
            start += "Caused by: ".length();
        }
        int typeEnd = start;
        while (typeEnd < end && isTypeChar(m.charAt(typeEnd))) {
            typeEnd++;
        }
        if (typeEnd == start || !Character.isLetter(m.charAt(start))) {
            return null;
        }
        boolean colon = typeEnd < end && m.charAt(typeEnd) == ':';
        if (typeEnd != end && !colon) {
            return null;
        }
        String type = m.substring(start, typeEnd);
        String message = colon ? m.substring(Math.min(typeEnd + 1, end), end).strip() : null;
        return new String[] {type, message == null || message.isEmpty() ? null : message};
    }

    private static boolean isTypeChar(char c) {
        return Character.isJavaIdentifierPart(c) || c == '.' || c == '$';
    }
}
