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
 * <p>The caller invokes it at every digit that is not inside an already examined run; the run is measured
 * without allocating and only a run holding at least 13 digits is examined further.
 */
final class CardNumberScanner {

    private static final int MIN_DIGITS = 13;
    private static final int MAX_DIGITS = 19;
    private static final int MIN_GROUP = 3;

    /**
     * Examines the digit at {@code i}.
     *
     * @return the end of the digit run, before which no further digit needs examining
     */
    int scan(String s, int i, Spans out) {
        if (i > 0 && (CharClass.isAlphanumeric(s.charAt(i - 1)) || isFraction(s, i - 1))) {
            return digitsEnd(s, i);
        }
        int groups = 0;
        int digits = 0;
        int k = i;
        char separator = 0;
        while (true) {
            int groupEnd = digitsEnd(s, k);
            groups++;
            digits += groupEnd - k;
            k = groupEnd;
            if (!continuesGroup(s, k, separator)) {
                break;
            }
            separator = s.charAt(k++);
        }
        if (digits >= MIN_DIGITS) {
            examineRun(s, i, k, groups, out);
        }
        return k;
    }

    /** Whether a whole string of digits (say a JSON number) is a card number. */
    static boolean isCardNumber(String digits) {
        int n = digits.length();
        for (int i = 0; i < n; i++) {
            if (!CharClass.isDigit(digits.charAt(i))) {
                return false;
            }
        }
        return n >= MIN_DIGITS && n <= MAX_DIGITS && hasCardPrefix(digits.charAt(0)) && luhn(digits, 0, n);
    }

    /** Tries every run of consecutive groups, left to right, keeping the longest valid card at each start. */
    private static void examineRun(String s, int runStart, int runEnd, int groupCount, Spans out) {
        int[] starts = new int[groupCount];
        int[] ends = new int[groupCount];
        for (int g = 0, k = runStart; g < groupCount; g++) {
            starts[g] = k;
            ends[g] = digitsEnd(s, k);
            k = ends[g] + 1;
        }
        boolean lastTouches = runEnd < s.length()
                && (CharClass.isAlphanumeric(s.charAt(runEnd)) || isDecimalPoint(s, runEnd));
        int a = 0;
        while (a < groupCount) {
            int best = longestCardFrom(s, starts, ends, a, lastTouches);
            if (best >= 0) {
                out.add(starts[a], ends[best]);
                a = best + 1;
            } else {
                a++;
            }
        }
    }

    private static int longestCardFrom(String s, int[] starts, int[] ends, int a, boolean lastTouches) {
        if (!hasCardPrefix(s.charAt(starts[a]))) {
            return -1;
        }
        int best = -1;
        int digits = 0;
        for (int b = a; b < starts.length; b++) {
            int length = ends[b] - starts[b];
            digits += length;
            boolean shortGroup = b > a && (length < MIN_GROUP || ends[a] - starts[a] < MIN_GROUP);
            if (digits > MAX_DIGITS || shortGroup || (b == starts.length - 1 && lastTouches)) {
                break;
            }
            if (digits >= MIN_DIGITS && luhn(s, starts[a], ends[b])) {
                best = b;
            }
        }
        return best;
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
        boolean isSeparator = separator == 0 ? c == ' ' || c == '-' : c == separator;
        return isSeparator && CharClass.isDigit(s.charAt(k + 1));
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
