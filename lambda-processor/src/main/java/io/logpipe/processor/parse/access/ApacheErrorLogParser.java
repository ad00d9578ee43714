package io.logpipe.processor.parse.access;

import io.logpipe.processor.clean.LevelNormalizer;
import io.logpipe.processor.clean.TimestampParser;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.parse.LogFormat;
import io.logpipe.processor.parse.LogParser;

/**
 * Apache httpd's error log (2.4's default layout), which httpd and php-apache containers write to stderr:
 * <pre>
 * [Tue Jul 08 00:12:01.782345 2025] [core:error] [pid 123:tid 140234] [client 10.0.1.5:5555] AH00126: Invalid URI
 * [Tue Jul 08 00:12:01.782345 2025] [php:error] [pid 23] [client 172.17.0.1:60000] PHP Fatal error: ..., referer: https://x/
 * </pre>
 * The module is the logger and its level the level ({@code trace1}–{@code trace8} are TRACE); {@code client}
 * (without its port) is source.ip and a trailing {@code , referer: ...} the referrer. The pid is dropped.
 */
public final class ApacheErrorLogParser implements LogParser {
    private static final String REFERER = ", referer: ";

    @Override
    public LogFormat format() {
        return LogFormat.APACHE_ERROR;
    }

    @Override
    public boolean mayStartWith(char first) {
        return first == '[';
    }

    @Override
    public boolean parse(String s, LogEvent e) {
        if (s.length() < 32 || s.charAt(0) != '[' || !Character.isLetter(s.charAt(1))) {
            return false;
        }
        long ts = TimestampParser.matchPrefix(s, 1, Math.min(s.length(), 40));
        int close = ts == TimestampParser.NONE ? -1 : 1 + TimestampParser.lengthOf(ts);
        if (close < 0 || !s.startsWith("] [", close)) {
            return false;
        }
        int moduleStart = close + 3;
        int tagEnd = s.indexOf("] ", moduleStart);
        int colon = tagEnd < 0 ? -1 : s.lastIndexOf(':', tagEnd);
        String level = colon <= moduleStart ? null : level(s.substring(colon + 1, tagEnd));
        if (level == null) {
            return false;
        }
        e.timeText = s.substring(1, close);
        e.levelText = level;
        e.logger = s.substring(moduleStart, colon);
        int i = tagEnd + 2;
        if (s.startsWith("[pid ", i)) {
            int end = s.indexOf("] ", i);
            i = end < 0 ? i : end + 2;
        }
        if (s.startsWith("[client ", i)) {
            int end = s.indexOf("] ", i);
            if (end > 0) {
                e.http().sourceIp = withoutPort(s.substring(i + "[client ".length(), end));
                i = end + 2;
            }
        }
        int referer = s.lastIndexOf(REFERER);
        if (referer >= i) {
            e.http().referrer = s.substring(referer + REFERER.length());
            e.message = s.substring(i, referer);
        } else {
            e.message = s.substring(i);
        }
        e.dataset = format().dataset();
        return true;
    }

    /** httpd's level word as one the level normaliser reads, or null. */
    private static String level(String word) {
        if (word.length() == 6 && word.startsWith("trace") && Character.isDigit(word.charAt(5))) {
            return "trace";
        }
        return LevelNormalizer.fromText(word) == null ? null : word;
    }

    /** {@code 10.0.1.5:5555} → {@code 10.0.1.5}; {@code ::1:5555} → {@code ::1}. */
    private static String withoutPort(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            return address;
        }
        for (int k = colon + 1; k < address.length(); k++) {
            if (!Character.isDigit(address.charAt(k))) {
                return address;
            }
        }
        return address.substring(0, colon);
    }
}
