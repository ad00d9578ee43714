package io.logpipe.processor.parse.access;

import io.logpipe.processor.clean.LevelNormalizer;
import io.logpipe.processor.clean.TimestampParser;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.parse.LogFormat;
import io.logpipe.processor.parse.LogParser;
import io.logpipe.processor.parse.TextScan;

/**
 * nginx's error log, which an nginx container writes to stderr beside its access log:
 * <pre>
 * 2025/07/08 00:12:01 [error] 29#29: *1 connect() failed (111: Connection refused) while connecting to upstream,
 *     client: 10.0.1.5, server: _, request: "GET /api HTTP/1.1", upstream: "http://127.0.0.1:8080/api", host: "x"
 * 2025/07/08 00:12:01 [notice] 1#1: start worker processes
 * </pre>
 * The message runs from after {@code pid#tid: *connection} to the context nginx appends ({@code , client: ...}).
 * From the context, {@code client} is source.ip, {@code request} the HTTP method, path and version, and
 * {@code referrer} the referrer; the other pairs ({@code server}, {@code upstream}, {@code host}, ...) go to
 * attributes under nginx's names.
 */
public final class NginxErrorLogParser implements LogParser {
    /** "yyyy/MM/dd HH:mm:ss" then " [". */
    private static final int TIME_LENGTH = 19;
    private static final int MAX_LEVEL = 6;                  // "notice", "emerg"
    private static final String CONTEXT = ", client: ";
    /** nginx appends a handful of pairs; more means the message itself looks like context. */
    private static final int MAX_PAIRS = 12;

    @Override
    public LogFormat format() {
        return LogFormat.NGINX_ERROR;
    }

    @Override
    public boolean mayStartWith(char first) {
        return Character.isDigit(first);                // the year of "2024/03/12 10:15:32"
    }

    @Override
    public boolean parse(String s, LogEvent e) {
        if (s.length() < TIME_LENGTH + 8 || s.charAt(4) != '/' || s.charAt(TIME_LENGTH) != ' '
                || s.charAt(TIME_LENGTH + 1) != '[') {
            return false;
        }
        long ts = TimestampParser.matchPrefix(s, 0, TIME_LENGTH);
        int levelStart = TIME_LENGTH + 2;
        int levelEnd = s.indexOf(']', levelStart);
        if (ts == TimestampParser.NONE || levelEnd < 0 || levelEnd - levelStart > MAX_LEVEL
                || LevelNormalizer.fromText(s.substring(levelStart, levelEnd)) == null) {
            return false;
        }
        int messageStart = afterProcessIds(s, levelEnd + 1);
        if (messageStart < 0) {
            return false;
        }
        int context = s.indexOf(CONTEXT, messageStart);
        e.timeText = s.substring(0, TIME_LENGTH);
        e.levelText = s.substring(levelStart, levelEnd);
        e.message = s.substring(messageStart, context < 0 ? s.length() : context);
        if (context >= 0) {
            context(s, context + 2, e);
        }
        e.dataset = format().dataset();
        return true;
    }

    /** After {@code " pid#tid: "} and an optional {@code "*connection "}; -1 when the ids are not there. */
    private static int afterProcessIds(String s, int i) {
        if (i >= s.length() || s.charAt(i) != ' ') {
            return -1;
        }
        int hash = TextScan.digitsEnd(s, i + 1);
        if (hash == i + 1 || hash >= s.length() || s.charAt(hash) != '#') {
            return -1;
        }
        int colon = TextScan.digitsEnd(s, hash + 1);
        if (colon == hash + 1 || !s.startsWith(": ", colon)) {
            return -1;
        }
        int next = colon + 2;
        if (next < s.length() && s.charAt(next) == '*') {
            int end = TextScan.digitsEnd(s, next + 1);
            if (end > next + 1 && end < s.length() && s.charAt(end) == ' ') {
                return end + 1;
            }
        }
        return next;
    }

    /** The {@code key: value, key: "quoted value"} pairs from {@code i} to the end of the line. */
    private static void context(String s, int i, LogEvent e) {
        for (int pairs = 0; pairs < MAX_PAIRS && i < s.length(); pairs++) {
            int colon = s.indexOf(": ", i);
            if (colon <= i) {
                return;
            }
            String key = s.substring(i, colon);
            int valueStart = colon + 2;
            int valueEnd;
            int next;
            if (valueStart < s.length() && s.charAt(valueStart) == '"') {
                valueStart++;
                valueEnd = RequestLine.closingQuote(s, valueStart);
                if (valueEnd < 0) {
                    return;
                }
                next = valueEnd + 1;
            } else {
                valueEnd = s.indexOf(", ", valueStart);
                valueEnd = valueEnd < 0 ? s.length() : valueEnd;
                next = valueEnd;
            }
            put(key, s.substring(valueStart, valueEnd), e);
            if (!s.startsWith(", ", next)) {
                return;
            }
            i = next + 2;
        }
    }

    private static void put(String key, String value, LogEvent e) {
        switch (key) {
            case "client" -> e.http().sourceIp = value;
            case "request" -> RequestLine.read(value, e.http());
            case "referrer" -> e.http().referrer = value;
            default -> e.attributes().put(key, value);
        }
    }
}
