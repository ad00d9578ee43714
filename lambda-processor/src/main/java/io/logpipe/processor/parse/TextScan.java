package io.logpipe.processor.parse;

/** Small index scans the text parsers share. */
public final class TextScan {
    private TextScan() {
    }

    /** Index of the first char at or after {@code from} that is not an ASCII digit (or the length). */
    public static int digitsEnd(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** Index of the first char at or after {@code from} that is not a space (or the length). */
    public static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
