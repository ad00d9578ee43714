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
 * {@link LevelNormalizer#sniff(CharSequence)}. One pass over the first 160 chars, no allocation.
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

    /**
     * Only runs that could qualify are examined: the first token, a run after {@code [} or
     * {@code :} (plus spaces), and runs starting with an uppercase letter. Everything else is
     * skipped by one well-predicted test per char, which matters: per-word branching on
     * ordinary text costs more than the scan itself.
     */
    static Level sniff(CharSequence s) {
        if (s == null) {
            return null;
        }
        int window = Math.min(s.length(), WINDOW);
        // Runs longer than MAX_WORD are rejected anyway; don't walk a long blob to its end.
        int limit = Math.min(s.length(), window + MAX_WORD + 1);
        int first = 0;
        while (first < window && s.charAt(first) <= ' ') {
            first++;
        }
        Level level = candidate(s, first, window, limit);
        for (int i = first; level == null && i < window; i++) {
            char c = s.charAt(i);
            if (c == '[' || c == ':') {
                int next = i + 1;
                while (c == ':' && next < window && s.charAt(next) == ' ') {
                    next++;
                }
                level = candidate(s, next, window, limit);
            } else if (c >= 'A' && c <= 'Z' && (i == 0 || !isAsciiLetter(s.charAt(i - 1)))) {
                level = candidate(s, i, window, limit);
            }
        }
        return level;
    }

    /** The level token formed by the letter run starting at {@code start}, or null. */
    private static Level candidate(CharSequence s, int start, int window, int limit) {
        if (start >= window) {
            return null;
        }
        int end = start;
        while (end < limit && isAsciiLetter(s.charAt(end))) {
            end++;
        }
        return end == start ? null : token(s, start, end);
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
