package io.logpipe.processor.parse.text;

import io.logpipe.processor.clean.LevelNormalizer;
import io.logpipe.processor.clean.TimestampParser;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.parse.LogFormat;
import io.logpipe.processor.parse.LogParser;
import io.logpipe.processor.parse.TextScan;

/**
 * Timestamp-first text layouts of log4j, logback, Spring Boot, Go and Python formatters, e.g.
 * <pre>
 * 2025-07-08 00:12:01,782 ERROR [main] com.acme.OrderService - Order failed
 * 2025-07-08 00:12:01.782 [main] ERROR c.a.OrderService - Order failed
 * 2024-03-12 10:15:32.123 ERROR 1 --- [nio-8080-exec-1] c.a.o.OrderService      : Order failed
 * 2024-03-12T10:15:32.123Z ERROR 1 --- [orders] [nio-8080-exec-1] o.a.c.c.C.[.[.[/].[dispatcherServlet] : msg
 * 2025-07-08 00:12:01,782 - orders - ERROR - Order failed
 * 2024-03-12 10:15:32 INFO [orders] Order created in 12ms
 * 2024-03-12T10:15:32.123456Z ERROR orders::db: query failed
 * </pre>
 * After the timestamp it reads up to a few header tokens (level, [thread], pid, "---", logger followed by
 * " - " or " : ") and takes the rest as the message. A line with a timestamp but no level still counts.
 */
public final class PatternLayoutParser implements LogParser {
    private static final int MAX_HEADER_TOKENS = 8;

    @Override
    public LogFormat format() {
        return LogFormat.PATTERN_LAYOUT;
    }

    @Override
    public boolean mayStartWith(char first) {
        return Character.isDigit(first);
    }

    @Override
    public boolean parse(String s, LogEvent e) {
        if (s.isEmpty() || !Character.isDigit(s.charAt(0))) {
            return false;
        }
        long ts = TimestampParser.matchPrefix(s, 0, s.length());
        if (ts == TimestampParser.NONE) {
            return false;
        }
        int i = TimestampParser.lengthOf(ts);
        e.timeText = s.substring(0, i);
        e.message = s.substring(header(s, i, e));
        e.dataset = format().dataset();
        return true;
    }

    /** Consumes the header tokens after the timestamp; returns where the message starts. */
    private static int header(String s, int i, LogEvent e) {
        boolean springBoot = false;                               // after Spring Boot's "---"
        int brackets = 0;
        for (int tokens = 0; tokens < MAX_HEADER_TOKENS; tokens++) {
            i = TextScan.skipSpaces(s, i);
            if (i >= s.length()) {
                return i;
            }
            int end = tokenEnd(s, i);
            String token = s.substring(i, end);
            int after = TextScan.skipSpaces(s, end);
            if (token.equals("-") || token.equals("---") || token.equals(":") || token.equals("|")) {
                springBoot |= token.equals("---");
                i = end;
            } else if (token.length() > 2 && token.charAt(0) == '[' && token.charAt(token.length() - 1) == ']') {
                brackets++;
                // Spring Boot 3.2+ writes "--- [application] [thread]": there the second bracket is the thread
                if (e.thread == null || (springBoot && brackets == 2)) {
                    e.thread = token.substring(1, token.length() - 1).trim();
                }
                i = end;
            } else if (e.levelText == null && token.length() <= 9 && LevelNormalizer.fromText(token) != null
                    && Character.isUpperCase(token.charAt(0))) {
                e.levelText = token;
                i = end;
            } else if (isNumber(token) && e.levelText != null) {
                i = end;                                          // a pid after the level (Spring Boot)
            } else if (e.logger == null && isSeparatorAt(s, after) && (springBoot || isLoggerName(token))) {
                // Python's "- name - LEVEL -" puts the level after; Spring Boot's column always holds the logger,
                // Tomcat's abbreviated ones included: "o.a.c.c.C.[.[.[/].[dispatcherServlet]"
                e.logger = token;
                i = after + 1;
            } else if (e.logger == null && e.levelText != null && isModulePath(token)) {
                e.logger = token.substring(0, token.length() - 1);  // Rust's tracing: "INFO orders::db: msg"
                i = end;
            } else {
                return i;
            }
        }
        return i;
    }

    /** {@code orders::db:}: identifiers joined by {@code ::} (at least one), then the colon that ends the target. */
    private static boolean isModulePath(String token) {
        int n = token.length() - 1;
        if (n < 4 || token.charAt(n) != ':' || token.indexOf("::") <= 0) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            char c = token.charAt(k);
            if (c == ':') {
                if (k + 1 >= n || token.charAt(k + 1) != ':' || k == 0 || token.charAt(k - 1) == ':') {
                    return false;
                }
                k++;
            } else if (!Character.isJavaIdentifierPart(c)) {
                return false;
            }
        }
        return true;
    }

    private static int tokenEnd(String s, int i) {
        if (s.charAt(i) == '[') {
            int close = s.indexOf(']', i);
            if (close > 0 && close - i < 128) {
                return close + 1;
            }
        }
        while (i < s.length() && s.charAt(i) != ' ') {
            i++;
        }
        return i;
    }

    private static boolean isSeparatorAt(String s, int i) {
        return i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == ':')
                && (i + 1 == s.length() || s.charAt(i + 1) == ' ');
    }

    private static boolean isLoggerName(String token) {
        for (int k = 0; k < token.length(); k++) {
            char c = token.charAt(k);
            if (!(Character.isJavaIdentifierPart(c) || c == '.' || c == '-' || c == '$')) {
                return false;
            }
        }
        return !token.isEmpty();
    }

    private static boolean isNumber(String token) {
        for (int k = 0; k < token.length(); k++) {
            if (!Character.isDigit(token.charAt(k))) {
                return false;
            }
        }
        return !token.isEmpty();
    }
}
