package io.logpipe.processor.clean;

import static io.logpipe.processor.clean.TimestampParser.NONE;
import static io.logpipe.processor.clean.TimestampParser.isDigit;
import static io.logpipe.processor.clean.TimestampParser.pack;

/**
 * The calendar forms of {@link TimestampParser}: ISO-8601/RFC 3339 (also with slashes) and the common log format.
 * Each method reads the fixed layout at {@code start}, then the optional fraction and offset
 * ({@link #tail}), and returns a packed match (millis and length) or {@code NONE}. Callers
 * guarantee {@code end - start} covers the fixed date-time part.
 */
final class DateTimeForms {

    private static final int MAX_FRACTION_DIGITS = 9;
    private static final int MAX_OFFSET_MINUTES = 18 * 60 + 59;

    private DateTimeForms() {
    }

    /**
     * {@code yyyy-MM-dd[T| ]HH:mm:ss} + tail, or the same with {@code /} between the date's parts (Go's standard
     * logger and nginx's error log: {@code 2025/07/08 00:12:01}); needs {@code end - start >= 19}.
     */
    static long iso(CharSequence s, int start, int end) {
        int year = digits4(s, start);
        char separator = s.charAt(start + 4);
        int month = separator == '-' || separator == '/' ? digits2(s, start + 5) : -1;
        int day = s.charAt(start + 7) == separator ? digits2(s, start + 8) : -1;
        char t = s.charAt(start + 10);
        if ((year | month | day) < 0 || (t != 'T' && t != 't' && t != ' ')) {
            return NONE;
        }
        return time(s, start, start + 11, end, year, month, day);
    }

    /** {@code dd/MMM/yyyy:HH:mm:ss} + tail; needs {@code end - start >= 20}. */
    static long clf(CharSequence s, int start, int end) {
        int day = digits2(s, start);
        int month = s.charAt(start + 2) == '/' ? monthAbbreviation(s, start + 3) : -1;
        int year = s.charAt(start + 6) == '/' ? digits4(s, start + 7) : -1;
        if ((year | month | day) < 0 || s.charAt(start + 11) != ':') {
            return NONE;
        }
        return time(s, start, start + 12, end, year, month, day);
    }

    /**
     * {@code EEE MMM dd HH:mm:ss[.fraction] yyyy}: Apache httpd's error log ({@code Tue Jul 08 00:12:01.782345 2025})
     * and C's asctime, whose day is space-padded ({@code Tue Jul  8 00:12:01 2025}). The weekday is not checked
     * against the date. Needs {@code end - start >= 24}.
     */
    static long ctime(CharSequence s, int start, int end) {
        int month = monthAbbreviation(s, start + 4);
        boolean padded = s.charAt(start + 8) == ' ' && isDigit(s.charAt(start + 9));
        int day = padded ? s.charAt(start + 9) - '0' : digits2(s, start + 8);
        if (month < 0 || day < 0 || s.charAt(start + 3) != ' ' || s.charAt(start + 7) != ' '
                || s.charAt(start + 10) != ' ') {
            return NONE;
        }
        int p = start + 19;                                      // after HH:mm:ss
        int fraction = p < end && s.charAt(p) == '.' ? fraction(s, p, end) : 0;
        if (fraction < 0) {
            return NONE;
        }
        int yearAt = p + (fraction & 0xFF) + 1;
        if (yearAt + 4 > end || s.charAt(yearAt - 1) != ' ' || yearAt + 4 < end && isDigit(s.charAt(yearAt + 4))) {
            return NONE;
        }
        int year = digits4(s, yearAt);
        long match = year < 0 ? NONE : time(s, start, start + 11, start + 19, year, month, day);
        return match == NONE ? NONE : pack(TimestampParser.millisOf(match) + (fraction >> 8), yearAt + 4 - start);
    }

    /** {@code HH:mm:ss} at {@code p}, then the tail; validates all fields. */
    private static long time(CharSequence s, int start, int p, int end, int year, int month, int day) {
        int hour = digits2(s, p);
        int minute = s.charAt(p + 2) == ':' ? digits2(s, p + 3) : -1;
        int second = s.charAt(p + 5) == ':' ? digits2(s, p + 6) : -1;
        if ((hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 60
                || month < 1 || month > 12 || day < 1 || day > CivilDates.daysInMonth(year, month)) {
            return NONE;
        }
        // A leap second has no epoch representation; 23:59:60 becomes 23:59:59.
        long epochSecond = ((CivilDates.epochDay(year, month, day) * 24 + hour) * 60 + minute) * 60
                + Math.min(second, 59);
        return tail(s, start, p + 8, end, epochSecond);
    }

    /**
     * Optional fraction ({@code .} or {@code ,} and 1–9 digits, truncated to millis), then an
     * optional offset: {@code Z}, {@code z}, {@code ±HH[[:]MM]}, {@code " ±HH[:]MM"} (one
     * space) or {@code " UTC"}. Anything that does not fit is left unconsumed.
     */
    private static long tail(CharSequence s, int start, int p, int end, long epochSecond) {
        int fraction = 0;
        if (p < end && (s.charAt(p) == '.' || s.charAt(p) == ',')) {
            fraction = fraction(s, p, end);
            if (fraction < 0) {
                return NONE;
            }
        }
        return offset(s, start, p + (fraction & 0xFF), end, epochSecond * 1000 + (fraction >> 8));
    }

    /**
     * The fraction whose separator is at {@code p}, as {@code millis << 8 | charsConsumed}
     * (separator included); 0 when no digit follows the separator (nothing consumed); -1 for
     * more than 9 digits. Digits after the third are truncated.
     */
    static int fraction(CharSequence s, int p, int end) {
        int q = p + 1;
        int millis = 0;
        for (; q < end && isDigit(s.charAt(q)); q++) {
            if (q - p <= 3) {
                millis = millis * 10 + (s.charAt(q) - '0');
            }
        }
        int digits = q - p - 1;
        if (digits > MAX_FRACTION_DIGITS) {
            return -1;
        }
        for (int i = digits; i > 0 && i < 3; i++) {
            millis *= 10;
        }
        return digits == 0 ? 0 : millis << 8 | (q - p);
    }

    /** Applies the optional offset at {@code p} and packs the match. */
    private static long offset(CharSequence s, int start, int p, int end, long millis) {
        if (p >= end) {
            return pack(millis, p - start);
        }
        char c = s.charAt(p);
        if (c == 'Z' || c == 'z') {
            return pack(millis, p + 1 - start);
        }
        int at = c == ' ' && p + 1 < end ? p + 1 : p;
        char sign = s.charAt(at);
        if (sign == '+' || sign == '-') {
            int parsed = numericOffset(s, at + 1, end);
            // After a space only the 4-digit forms count: in " -12 rows" the -12 is not a zone.
            if (parsed >= 0 && (at == p || (parsed & 7) > 2)) {
                long offsetMillis = (parsed >> 3) * 60_000L;
                long utc = sign == '+' ? millis - offsetMillis : millis + offsetMillis;
                return pack(utc, at + 1 + (parsed & 7) - start);
            }
        } else if (c == ' ' && p + 4 <= end && s.charAt(p + 1) == 'U' && s.charAt(p + 2) == 'T'
                && s.charAt(p + 3) == 'C') {
            return pack(millis, p + 4 - start);
        }
        return pack(millis, p - start);
    }

    /**
     * {@code HH}, {@code HHMM} or {@code HH:MM} after the sign, as
     * {@code minutes << 3 | charsConsumed}, or -1. Offsets beyond ±18:59 are rejected.
     */
    private static int numericOffset(CharSequence s, int p, int end) {
        int hours = p + 2 <= end ? digits2(s, p) : -1;
        if (hours < 0) {
            return -1;
        }
        int minutes = 0;
        int consumed = 2;
        if (p + 4 <= end && isDigit(s.charAt(p + 2))) {
            minutes = digits2(s, p + 2);
            consumed = 4;
        } else if (p + 5 <= end && s.charAt(p + 2) == ':') {
            minutes = digits2(s, p + 3);
            consumed = 5;
        }
        int total = hours * 60 + minutes;
        return minutes < 0 || minutes > 59 || total > MAX_OFFSET_MINUTES ? -1 : total << 3 | consumed;
    }

    /** Two ASCII digits as 0–99, or -1; branch-free validity check. */
    static int digits2(CharSequence s, int i) {
        int a = s.charAt(i) - '0';
        int b = s.charAt(i + 1) - '0';
        return (a | b | (9 - a) | (9 - b)) < 0 ? -1 : a * 10 + b;
    }

    /** Four ASCII digits as 0–9999, or -1. */
    static int digits4(CharSequence s, int i) {
        int high = digits2(s, i);
        int low = digits2(s, i + 2);
        return (high | low) < 0 ? -1 : high * 100 + low;
    }

    /** English 3-letter month abbreviation in any case as 1–12, or -1. */
    static int monthAbbreviation(CharSequence s, int i) {
        char a = s.charAt(i);
        char b = s.charAt(i + 1);
        char c = s.charAt(i + 2);
        if ((a | b | c) > 0x7F) {
            return -1;
        }
        // OR 0x20 lower-cases ASCII letters; the key is the three lowercase chars.
        return switch ((a | 0x20) << 16 | (b | 0x20) << 8 | (c | 0x20)) {
            case 'j' << 16 | 'a' << 8 | 'n' -> 1;
            case 'f' << 16 | 'e' << 8 | 'b' -> 2;
            case 'm' << 16 | 'a' << 8 | 'r' -> 3;
            case 'a' << 16 | 'p' << 8 | 'r' -> 4;
            case 'm' << 16 | 'a' << 8 | 'y' -> 5;
            case 'j' << 16 | 'u' << 8 | 'n' -> 6;
            case 'j' << 16 | 'u' << 8 | 'l' -> 7;
            case 'a' << 16 | 'u' << 8 | 'g' -> 8;
            case 's' << 16 | 'e' << 8 | 'p' -> 9;
            case 'o' << 16 | 'c' << 8 | 't' -> 10;
            case 'n' << 16 | 'o' << 8 | 'v' -> 11;
            case 'd' << 16 | 'e' << 8 | 'c' -> 12;
            default -> -1;
        };
    }
}
