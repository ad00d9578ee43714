package io.logpipe.processor.clean;

import static io.logpipe.processor.clean.TimestampParser.NONE;
import static io.logpipe.processor.clean.TimestampParser.isDigit;
import static io.logpipe.processor.clean.TimestampParser.pack;

/**
 * Epoch numbers (as JSON numbers or as text) to epoch millis, unit chosen by magnitude; the
 * thresholds are documented on {@link TimestampParser#fromEpochNumber(long)}.
 */
final class EpochNumbers {

    /** Upper bounds (exclusive) of seconds, millis and micros; everything above is nanos. */
    static final long SECONDS_BELOW = 100_000_000_000L;
    static final long MILLIS_BELOW = 100_000_000_000_000L;
    static final long MICROS_BELOW = 100_000_000_000_000_000L;

    private static final int MAX_DIGITS = 19;
    private static final long MAX_BEFORE_LAST_DIGIT = Long.MAX_VALUE / 10;

    private EpochNumbers() {
    }

    static long fromLong(long value) {
        if (value < 0) {
            return NONE;
        }
        if (value < SECONDS_BELOW) {
            return value * 1000;
        }
        if (value < MILLIS_BELOW) {
            return value;
        }
        return value < MICROS_BELOW ? value / 1000 : value / 1_000_000;
    }

    static long fromDouble(double value) {
        if (!(value >= 0) || value >= 0x1p63) {
            return NONE; // NaN, negative, infinite or beyond long
        }
        if (value < SECONDS_BELOW) {
            // 1710238532.123 is really 1710238532.12299990654; rounding to the microsecond first
            // absorbs that binary error before truncating to millis.
            return Math.round(value * 1_000_000d) / 1000;
        }
        return fromLong((long) value);
    }

    /**
     * Digits with an optional {@code .} fraction of 1–9 digits at {@code start}, as a packed
     * match, or {@code NONE} when there are fewer than {@code minDigits} integer digits, more
     * than 19, or the value overflows a long.
     */
    static long text(CharSequence s, int start, int end, int minDigits) {
        long value = 0;
        int p = start;
        for (; p < end && isDigit(s.charAt(p)); p++) {
            int digit = s.charAt(p) - '0';
            if (p - start == MAX_DIGITS
                    || (value >= MAX_BEFORE_LAST_DIGIT
                        && (value > MAX_BEFORE_LAST_DIGIT || digit > Long.MAX_VALUE % 10))) {
                return NONE;
            }
            value = value * 10 + digit;
        }
        if (p - start < Math.max(1, minDigits)) {
            return NONE;
        }
        long millis = fromLong(value);
        if (p < end && s.charAt(p) == '.') {
            int fraction = DateTimeForms.fraction(s, p, end);
            if (fraction < 0) {
                return NONE;
            }
            millis += value < SECONDS_BELOW ? fraction >> 8 : 0; // other units: truncate
            p += fraction & 0xFF;
        }
        return pack(millis, p - start);
    }
}
