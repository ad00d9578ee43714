package io.logpipe.processor.parse.structured;

import io.logpipe.processor.json.PlainDecimal;

/** Lenient conversions of structured values (JSON scalars or logfmt strings) to what a field needs. */
public final class Values {
    private Values() {
    }

    /** Text of a scalar, or null for objects, arrays, null and blank strings. */
    public static String text(Object value) {
        if (value instanceof String s) {
            return s.isBlank() ? null : s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return null;
    }

    /** A whole number from a number or a numeric string, else {@code fallback}. */
    public static long whole(Object value, long fallback) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? (long) d : fallback;
        }
        if (value instanceof String s && !s.isEmpty() && s.length() < 19) {
            long result = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return fallback;
                }
                result = result * 10 + (c - '0');
            }
            return result;
        }
        return fallback;
    }

    /** A decimal number from a number or a numeric string, else NaN. */
    public static double decimal(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s && !s.isEmpty() && s.length() < 32 && looksNumeric(s)) {
            double plain = PlainDecimal.parse(s, 0, s.length());
            if (!Double.isNaN(plain)) {
                return plain;
            }
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static boolean looksNumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == 'e' || c == 'E' || c == '+')) {
                return false;
            }
        }
        return true;
    }
}
