package io.logpipe.processor.parse.text;

import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.parse.LogFormat;
import io.logpipe.processor.parse.LogParser;
import io.logpipe.processor.parse.TextScan;

/**
 * NestJS's built-in console logger (colours are stripped at decode):
 * {@code [Nest] 1  - 07/08/2025, 12:12:01 AM     LOG [NestApplication] Nest application successfully started +2ms}.
 * The time is the en-US form Node prints by default (the container's local time, UTC on Fargate); LOG is INFO and
 * VERBOSE is TRACE; the bracketed context is the logger; the trailing {@code +2ms} (time since the previous line,
 * not a duration of this event) goes to {@code attributes.nest_elapsed_ms}.
 */
public final class NestLoggerParser implements LogParser {
    private static final String PREFIX = "[Nest] ";

    @Override
    public LogFormat format() {
        return LogFormat.NESTJS;
    }

    @Override
    public boolean mayStartWith(char first) {
        return first == PREFIX.charAt(0);
    }

    @Override
    public boolean parse(String s, LogEvent e) {
        if (!s.startsWith(PREFIX)) {
            return false;
        }
        int pidEnd = TextScan.digitsEnd(s, PREFIX.length());
        if (pidEnd == PREFIX.length() || !s.startsWith("  - ", pidEnd)) {
            return false;
        }
        int timeStart = pidEnd + 4;
        int timeEnd = timeEnd(s, timeStart);
        if (timeEnd < 0) {
            return false;
        }
        int levelStart = TextScan.skipSpaces(s, timeEnd);
        int levelEnd = s.indexOf(' ', levelStart);
        String level = levelEnd < 0 ? null : level(s.substring(levelStart, levelEnd));
        if (level == null) {
            return false;
        }
        int messageStart = levelEnd + 1;
        if (s.startsWith("[", messageStart)) {
            int close = s.indexOf("] ", messageStart);
            if (close > messageStart + 1) {
                e.logger = s.substring(messageStart + 1, close);
                messageStart = close + 2;
            }
        }
        e.timeText = isoTime(s, timeStart);
        e.levelText = level;
        e.message = withoutElapsed(s, messageStart, e);
        e.dataset = format().dataset();
        return true;
    }

    /** End of {@code MM/dd/yyyy, h:mm:ss AM}, or -1. */
    private static int timeEnd(String s, int i) {
        if (s.length() < i + 22 || !twoDigits(s, i) || s.charAt(i + 2) != '/' || !twoDigits(s, i + 3)
                || s.charAt(i + 5) != '/' || TextScan.digitsEnd(s, i + 6) != i + 10 || !s.startsWith(", ", i + 10)) {
            return -1;
        }
        int hourEnd = TextScan.digitsEnd(s, i + 12);
        if (hourEnd == i + 12 || hourEnd > i + 14 || s.length() < hourEnd + 9 || s.charAt(hourEnd) != ':'
                || !twoDigits(s, hourEnd + 1) || s.charAt(hourEnd + 3) != ':' || !twoDigits(s, hourEnd + 4)
                || s.charAt(hourEnd + 6) != ' ' || !(s.startsWith("AM", hourEnd + 7) || s.startsWith("PM", hourEnd + 7))) {
            return -1;
        }
        int month = Integer.parseInt(s, i, i + 2, 10);
        int day = Integer.parseInt(s, i + 3, i + 5, 10);
        int hour = Integer.parseInt(s, i + 12, hourEnd, 10);
        return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 1 && hour <= 12 ? hourEnd + 9 : -1;
    }

    private static boolean twoDigits(String s, int i) {
        return TextScan.digitsEnd(s, i) >= i + 2;
    }

    /** {@code 07/08/2025, 12:12:01 AM} as {@code 2025-07-08T00:12:01} for the time parser (which validates it). */
    private static String isoTime(String s, int i) {
        int hourEnd = TextScan.digitsEnd(s, i + 12);
        int hour = Integer.parseInt(s, i + 12, hourEnd, 10) % 12 + (s.charAt(hourEnd + 7) == 'P' ? 12 : 0);
        return s.substring(i + 6, i + 10) + '-' + s.substring(i, i + 2) + '-' + s.substring(i + 3, i + 5) + 'T'
                + (hour < 10 ? "0" : "") + hour + s.substring(hourEnd, hourEnd + 6);
    }

    private static String level(String word) {
        return switch (word) {
            case "LOG" -> "info";
            case "ERROR" -> "error";
            case "WARN" -> "warn";
            case "DEBUG" -> "debug";
            case "VERBOSE" -> "trace";
            case "FATAL" -> "fatal";
            default -> null;
        };
    }

    /** The message without Nest's trailing {@code " +12ms"}, which is kept as an attribute. */
    private static String withoutElapsed(String s, int from, LogEvent e) {
        if (s.endsWith("ms")) {
            int plus = s.lastIndexOf(" +");
            int digitsEnd = plus < from ? -1 : TextScan.digitsEnd(s, plus + 2);
            if (digitsEnd > plus + 2 && digitsEnd == s.length() - 2 && digitsEnd - plus < 12) {
                e.attributes().put("nest_elapsed_ms", Long.parseLong(s, plus + 2, digitsEnd, 10));
                return s.substring(from, plus);
            }
        }
        return s.substring(from);
    }
}
