package io.logpipe.processor.redact;

/**
 * Finds payment card numbers: 13–19 digits, contiguous or grouped by single spaces or single dashes (one kind
 * per number, groups of at least 3 digits such as 4-4-4-4 or 4-6-5), not touching a letter or another digit,
 * first digit 2–6, and Luhn-valid.
 *
 * <p>Why first digit 2–6: those cover the major networks (Mastercard 2/5, Amex/Diners/JCB 3, Visa 4, Discover/
 * UnionPay/Maestro 6), while 1 would match every epoch-millisecond timestamp ({@code 1710238532000}, 13 digits,
 * Luhn-valid one time in ten) and 7–9 are rare and collide with phone numbers and ids. Digits right after a
 * decimal point ({@code 0.30000000000000004}) are a fraction, not a card.
 *
 * <p>Skip search: a card spans at least 13 characters of digits and separators, so the pass probes every 13th
 * character and only looks closer where the probe hits a digit or a separator between digits. Only a run
 * holding at least 13 digits is examined further.
 */
final class CardNumberScanner {

    static final int MIN_DIGITS = 13;
    private static final int MAX_DIGITS = 19;
    private static final int MIN_GROUP = 3;

    void scanAll(String s, Spans out) {
        int n = s.length();
        int p = MIN_DIGITS - 1;
        while (p < n) {
            if (!inRun(s, p)) {
                p += MIN_DIGITS;
                continue;
            }
            int start = runStart(s, p);
            int last = start + MIN_DIGITS - 1; // a card starting here reaches at least this far
            if (last >= n) {
                return;
            }
            if (!inRun(s, last) && last > p) {
                p = last + MIN_DIGITS; // the run is too short: jump past it without reading it (timestamps, ids)
                continue;
            }
            int end = scanRun(s, start, out);
            p = Math.max(end + MIN_DIGITS, p + 1);
        }
    }

    /** Whether {@code s[p]} can be part of a grouped number: a digit, or a separator between two digits. */
    private static boolean inRun(String s, int p) {
        char c = s.charAt(p);
        return CharClass.isDigit(c) || (isSeparator(c) && p > 0 && p + 1 < s.length()
                && CharClass.isDigit(s.charAt(p - 1)) && CharClass.isDigit(s.charAt(p + 1)));
    }

    /** Walks back from {@code p} to the first digit of its run; the run keeps one kind of separator. */
    private static int runStart(String s, int p) {
        int k = CharClass.isDigit(s.charAt(p)) ? p : p - 1;
        char separator = CharClass.isDigit(s.charAt(p)) ? 0 : s.charAt(p);
        while (k > 0) {
            char c = s.charAt(k - 1);
            if (CharClass.isDigit(c)) {
                k--;
            } else if (k > 1 && isSeparator(c) && (separator == 0 || c == separator)
                    && CharClass.isDigit(s.charAt(k - 2))) {
                separator = c;
                k -= 2;
            } else {
                break;
            }
        }
        return k;
    }

    /**
     * Parses the run that starts with the digit at {@code i} and reports the cards in it.
     *
     * @return the end of the run
     */
    private static int scanRun(String s, int i, Spans out) {
        if (i > 0 && (CharClass.isAlphanumeric(s.charAt(i - 1)) || isFraction(s, i - 1))) {
            int glued = digitsEnd(s, i); // part of a word or a fraction: the run may still hold a card later on
            return continuesGroup(s, glued, (char) 0) ? scanRun(s, glued + 1, out) : glued;
        }
        int digits = 0;
        int k = i;
        char separator = 0;
        while (true) {
            int groupEnd = digitsEnd(s, k);
            digits += groupEnd - k;
            k = groupEnd;
            if (!continuesGroup(s, k, separator)) {
                break;
            }
            separator = s.charAt(k++);
        }
        if (digits >= MIN_DIGITS) {
            examineRun(s, i, k, out);
        }
        return k;
    }

    /** Tries runs of consecutive groups, left to right, keeping the longest valid card at each start. */
    private static void examineRun(String s, int runStart, int runEnd, Spans out) {
        boolean lastTouches = runEnd < s.length()
                && (CharClass.isAlphanumeric(s.charAt(runEnd)) || isDecimalPoint(s, runEnd));
        int a = runStart;
        while (a < runEnd) {
            int cardEnd = longestCardFrom(s, a, runEnd, lastTouches);
            if (cardEnd >= 0) {
                out.add(a, cardEnd);
                a = cardEnd + 1;
            } else {
                a = digitsEnd(s, a) + 1;
            }
        }
    }

    /** End of the longest card that starts with the group at {@code a}, or -1. */
    private static int longestCardFrom(String s, int a, int runEnd, boolean lastTouches) {
        if (!hasCardPrefix(s.charAt(a))) {
            return -1;
        }
        int firstLength = digitsEnd(s, a) - a;
        int best = -1;
        int digits = 0;
        for (int group = a; group < runEnd; ) {
            int groupEnd = digitsEnd(s, group);
            int length = groupEnd - group;
            digits += length;
            boolean shortGroup = group > a && (length < MIN_GROUP || firstLength < MIN_GROUP);
            if (digits > MAX_DIGITS || shortGroup || (groupEnd == runEnd && lastTouches)) {
                break;
            }
            if (digits >= MIN_DIGITS && luhn(s, a, groupEnd)) {
                best = groupEnd;
            }
            group = groupEnd + 1;
        }
        return best;
    }

    /** Whether a whole string of digits (say a JSON number) is a card number. */
    static boolean isCardNumber(String digits) {
        int n = digits.length();
        if (n < MIN_DIGITS || n > MAX_DIGITS || !hasCardPrefix(digits.charAt(0))) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!CharClass.isDigit(digits.charAt(i))) {
                return false;
            }
        }
        return luhn(digits, 0, n);
    }

    /** The Luhn checksum over the digits in {@code [from, to)}, skipping separators. */
    static boolean luhn(String s, int from, int to) {
        int sum = 0;
        boolean doubled = false;
        for (int i = to - 1; i >= from; i--) {
            char c = s.charAt(i);
            if (!CharClass.isDigit(c)) {
                continue;
            }
            int d = c - '0';
            if (doubled) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    private static boolean hasCardPrefix(char first) {
        return first >= '2' && first <= '6';
    }

    private static boolean continuesGroup(String s, int k, char separator) {
        if (k + 1 >= s.length()) {
            return false;
        }
        char c = s.charAt(k);
        return (separator == 0 ? isSeparator(c) : c == separator) && CharClass.isDigit(s.charAt(k + 1));
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-';
    }

    /** Whether {@code s[i]} is a dot that follows a digit, so the digits after it are a fraction. */
    private static boolean isFraction(String s, int i) {
        return s.charAt(i) == '.' && i > 0 && CharClass.isDigit(s.charAt(i - 1));
    }

    private static boolean isDecimalPoint(String s, int i) {
        return s.charAt(i) == '.' && i + 1 < s.length() && CharClass.isDigit(s.charAt(i + 1));
    }

    private static int digitsEnd(String s, int from) {
        int i = from;
        while (i < s.length() && CharClass.isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
