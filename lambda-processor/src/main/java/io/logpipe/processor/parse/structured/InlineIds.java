package io.logpipe.processor.parse.structured;

import io.logpipe.processor.model.LogEvent;

/**
 * {@code user_id=}, {@code trace_id=} and {@code span_id=} pairs written inside a text message
 * ({@code [2026-11-22 20:41:07,123] INFO: Login ok user_id=u-1042 trace_id=4bf9...}, or an access line with a
 * trailing {@code trace_id=}) become user.id, trace.id and span.id, as their JSON keys would. Only the first
 * line is read (what follows is a stack trace), bounded, and a field already set by the parser wins. The
 * message keeps the pairs; any secret pair next to them is the redact stage's business.
 */
public final class InlineIds {
    private static final int MAX_SCAN_CHARS = 4_096;
    private static final int MAX_VALUE_CHARS = 128;
    private static final String[] KEYS = {"user_id=", "trace_id=", "span_id="};

    private InlineIds() {
    }

    public static void extract(LogEvent e) {
        String m = e.message;
        if (m == null || e.userId != null && e.traceId != null && e.spanId != null) {
            return;
        }
        int firstEquals = m.indexOf("_id=");      // the rarer test first: most messages end the search here
        if (firstEquals < 0 || firstEquals >= MAX_SCAN_CHARS) {
            return;
        }
        int end = m.indexOf('\n');
        end = Math.min(end < 0 ? m.length() : end, MAX_SCAN_CHARS);
        if (firstEquals >= end) {
            return;
        }
        for (String key : KEYS) {
            String value = valueOf(m, key, end);
            if (value != null) {
                StructuredFields.apply(e, key.substring(0, key.length() - 1), value);
            }
        }
    }

    /** The value after {@code key} where the key starts a word, up to a space, quote or separator. */
    private static String valueOf(String m, String key, int end) {
        int at = m.indexOf(key);
        while (at >= 0 && at < end) {
            if (at == 0 || !isKeyChar(m.charAt(at - 1))) {
                int start = at + key.length();
                int stop = start;
                while (stop < end && stop - start <= MAX_VALUE_CHARS && !isTerminator(m.charAt(stop))) {
                    stop++;
                }
                return stop > start && stop - start <= MAX_VALUE_CHARS ? m.substring(start, stop) : null;
            }
            at = m.indexOf(key, at + 1);
        }
        return null;
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }

    private static boolean isTerminator(char c) {
        return c == ' ' || c == '\t' || c == '"' || c == '\'' || c == ',' || c == ';' || c == ')' || c == ']' || c == '&';
    }
}
