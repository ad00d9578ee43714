package io.logpipe.processor.parse.logfmt;

import io.logpipe.processor.json.RecurringNames;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.parse.LogFormat;
import io.logpipe.processor.parse.LogParser;
import io.logpipe.processor.parse.structured.StructuredFields;

import java.util.ArrayList;
import java.util.List;

/**
 * logfmt lines ({@code time=... level=info msg="User logged in" user_id=42}). A line counts as logfmt when it
 * starts with a {@code key=} pair and at least two pairs parse; values stay strings (flat_object stores
 * them as keywords anyway), except for the fields the mapper knows to be numbers. Not thread-safe.
 */
public final class LogfmtParser implements LogParser {
    private static final int MAX_PAIRS = 1_000;
    /** Keys recur line after line: handed out as the same instances (see {@link RecurringNames}). */
    private final RecurringNames keys = new RecurringNames();

    @Override
    public LogFormat format() {
        return LogFormat.LOGFMT;
    }

    @Override
    public boolean mayStartWith(char first) {
        return isKeyChar(first);
    }

    @Override
    public boolean parse(String text, LogEvent e) {
        if (!startsWithKey(text)) {
            return false;
        }
        List<String> pairs = new ArrayList<>(16);
        if (!split(text, pairs, keys) || pairs.size() < 4) {
            return false;
        }
        e.dataset = format().dataset();
        for (int i = 0; i < pairs.size(); i += 2) {
            StructuredFields.apply(e, pairs.get(i), pairs.get(i + 1));
        }
        return true;
    }

    private static boolean startsWithKey(String s) {
        int i = 0;
        while (i < s.length() && isKeyChar(s.charAt(i))) {
            i++;
        }
        return i > 0 && i < s.length() && s.charAt(i) == '=';
    }

    /** Splits into alternating keys and values; false when the line is not logfmt after all. */
    static boolean split(String s, List<String> out, RecurringNames keys) {
        int i = 0, n = s.length();
        while (i < n) {
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            int keyStart = i;
            while (i < n && isKeyChar(s.charAt(i))) {
                i++;
            }
            if (i == keyStart || out.size() >= 2 * MAX_PAIRS) {
                return i >= n && !out.isEmpty();
            }
            String key = keys.of(s, keyStart, i);
            if (i >= n || s.charAt(i) == ' ') {
                out.add(key);
                out.add("true");                        // bare key: a flag
                continue;
            }
            if (s.charAt(i) != '=') {
                return false;
            }
            i++;
            i = readValue(s, i, key, out);
            if (i < 0) {
                return false;
            }
        }
        return true;
    }

    private static int readValue(String s, int i, String key, List<String> out) {
        int n = s.length();
        if (i < n && s.charAt(i) == '"') {
            i++;
            // a quoted value is usually plain: its end and the absence of escapes are two indexOf intrinsics, and
            // the value one substring (char by char through a StringBuilder it was ~3 % of app lines' time)
            int close = s.indexOf('"', i);
            if (close >= 0 && s.indexOf('\\', i, close) < 0) {
                out.add(key);
                out.add(s.substring(i, close));
                return close + 1;
            }
            StringBuilder value = new StringBuilder();
            while (i < n && s.charAt(i) != '"') {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < n) {
                    char next = s.charAt(++i);
                    value.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
                } else {
                    value.append(c);
                }
                i++;
            }
            if (i >= n) {
                return -1;                               // unterminated quote
            }
            out.add(key);
            out.add(value.toString());
            return i + 1;
        }
        int space = s.indexOf(' ', i);
        int end = space < 0 ? n : space;
        out.add(key);
        out.add(s.substring(i, end));
        return end;
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                || c == '-' || c == '@' || c == '/';
    }
}
