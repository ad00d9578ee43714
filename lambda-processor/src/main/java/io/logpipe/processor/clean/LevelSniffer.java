package io.logpipe.processor.clean;

import static io.logpipe.processor.model.Level.DEBUG;
import static io.logpipe.processor.model.Level.ERROR;
import static io.logpipe.processor.model.Level.FATAL;
import static io.logpipe.processor.model.Level.INFO;
import static io.logpipe.processor.model.Level.TRACE;
import static io.logpipe.processor.model.Level.WARN;

import io.logpipe.processor.model.Level;

/**
 * Finds a level word in unstructured text; the rules are documented on
 * {@link LevelNormalizer#sniff(CharSequence)}. One pass over ASCII letter runs, no allocation.
 */
final class LevelSniffer {

    /** Only tokens starting in the first 160 chars count: the level sits in the line header. */
    static final int WINDOW = 160;

    /** Count when UPPERCASE anywhere as a whole token, or in any case when marked. */
    private static final LevelVocabulary STRONG = new LevelVocabulary(
            "trace", TRACE, "debug", DEBUG, "info", INFO, "notice", INFO,
            "warn", WARN, "warning", WARN, "error", ERROR, "err", ERROR, "severe", ERROR,
            "fatal", FATAL, "critical", FATAL, "crit", FATAL, "panic", FATAL);

    /** Common English in capitals too ("SECURITY ALERT"), so they count only when marked. */
    private static final LevelVocabulary MARKED_ONLY = new LevelVocabulary(
            "alert", FATAL, "emerg", FATAL, "emergency", FATAL);

    private static final int MIN_WORD = 3;
    private static final int MAX_WORD = 9;

    private LevelSniffer() {
    }

    /** Walks the ASCII letter runs starting in the window; the first qualifying token wins. */
    static Level sniff(CharSequence s) {
        if (s == null) {
            return null;
        }
        int window = Math.min(s.length(), WINDOW);
        // Runs longer than MAX_WORD are rejected anyway; don't walk a long blob to its end.
        int limit = Math.min(s.length(), window + MAX_WORD + 1);
        int i = 0;
        while (i < window) {
            if (!isAsciiLetter(s.charAt(i))) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < limit && isAsciiLetter(s.charAt(end))) {
                end++;
            }
            // most runs are words of running text: neither upper case (their second letter is lower case) nor
            // marked (followed by ']' or ':'), which token() would find only after a call and more tests
            char next = end < s.length() ? s.charAt(end) : 0;
            boolean mayQualify = end - i >= MIN_WORD && end - i <= MAX_WORD
                    && (next == ']' || next == ':' || (s.charAt(i) <= 'Z' && s.charAt(i + 1) <= 'Z'));
            Level level = mayQualify ? token(s, i, end) : null;
            if (level != null) {
                return level;
            }
            i = end;
        }
        return null;
    }

    /** The level of the letter run {@code s[start, end)} if it is a qualifying level token. */
    private static Level token(CharSequence s, int start, int end) {
        int n = end - start;
        if (n < MIN_WORD || n > MAX_WORD) {
            return null;
        }
        // Cheapest tests first: most runs are lowercase words in running text.
        boolean upper = s.charAt(start) <= 'Z' && isUpperCase(s, start + 1, end);
        boolean marked = isMarked(s, start, end);
        if (!(upper || marked)
                || (start > 0 && isWordChar(s.charAt(start - 1)))
                || (end < s.length() && isWordChar(s.charAt(end)))) {
            return null;
        }
        Level level = STRONG.find(s, start, end);
        return level != null || !marked ? level : MARKED_ONLY.find(s, start, end);
    }

    /**
     * Bracketed ({@code [error]}, or {@code [core:error]} as Apache writes it), or a label with
     * a colon at the start of the message ({@code error: ...}, also after a program label as in
     * {@code prog: error: ...}).
     */
    private static boolean isMarked(CharSequence s, int start, int end) {
        if (end >= s.length()) {
            return false;
        }
        char next = s.charAt(end);
        if (next == ']') {
            return start > 0 && (s.charAt(start - 1) == '[' || s.charAt(start - 1) == ':');
        }
        if (next != ':') {
            return false;
        }
        int before = start - 1;
        while (before >= 0 && s.charAt(before) == ' ') {
            before--;
        }
        return before < 0 || (before < start - 1 && s.charAt(before) == ':');
    }

    private static boolean isUpperCase(CharSequence s, int start, int end) {
        for (int i = start; i < end; i++) {
            if (s.charAt(i) > 'Z') {
                return false; // letter runs are ASCII letters, so > 'Z' means lowercase
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }

    /** Chars that glue a letter run into a larger word: "NON-ERROR", "ERROR_CODE", "ERR42". */
    private static boolean isWordChar(char c) {
        return c == '_' || c == '-' || Character.isLetterOrDigit(c);
    }
}
