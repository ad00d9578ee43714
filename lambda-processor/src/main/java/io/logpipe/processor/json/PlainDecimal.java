package io.logpipe.processor.json;

/**
 * Reads the common decimals of log lines ({@code 12}, {@code 755.5}, {@code 1234.56}) without
 * {@link Double#parseDouble}, whose general algorithm (and the String it needs) was most of the time spent on the
 * corpus's ~100,000 durations and amounts a pass.
 *
 * <p>Exact: with at most 15 digits the digits form a long below 2^53 and the power of ten is at most 10^15, both
 * exact doubles, so one IEEE division rounds the quotient correctly, which is what {@code parseDouble} returns
 * (Clinger's fast path). Anything else is left to {@code parseDouble}.
 */
public final class PlainDecimal {
    /** The most digits the fast path takes. */
    static final int MAX_DIGITS = 15;
    private static final double[] POWERS_OF_TEN = {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

    private PlainDecimal() {
    }

    /**
     * The value of {@code s[from, to)} when it is digits, optionally with one '.' between digits, at most 15 digits
     * in all: exactly {@code Double.parseDouble} of that text. NaN for anything else (a sign, an exponent, more
     * digits, an empty text), which the caller then hands to {@code Double.parseDouble}.
     */
    public static double parse(CharSequence s, int from, int to) {
        if (to <= from || to - from > MAX_DIGITS + 1) {
            return Double.NaN;
        }
        long digits = 0;
        int point = -1;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
            } else if (c == '.' && point < 0 && i > from && i + 1 < to) {
                point = i;
            } else {
                return Double.NaN;
            }
        }
        int fractionDigits = point < 0 ? 0 : to - point - 1;
        if (to - from - (point < 0 ? 0 : 1) > MAX_DIGITS) {
            return Double.NaN;
        }
        return digits / POWERS_OF_TEN[fractionDigits];
    }
}
