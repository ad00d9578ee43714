package io.logpipe.processor.clean;

import static io.logpipe.processor.model.Level.DEBUG;
import static io.logpipe.processor.model.Level.ERROR;
import static io.logpipe.processor.model.Level.FATAL;
import static io.logpipe.processor.model.Level.INFO;
import static io.logpipe.processor.model.Level.TRACE;
import static io.logpipe.processor.model.Level.WARN;

import io.logpipe.processor.model.Level;

/**
 * Maps the many spellings of a log level onto {@link Level}. Static and thread-safe; nothing
 * here uses regex, {@code toLowerCase()} or allocates per call (this runs once per event).
 */
public final class LevelNormalizer {

    /**
     * Values of a level field (log4j, logback, JUL, syslog, nginx, pino, winston, Serilog,
     * GCP severity, logcat letters). Deliberately absent: {@code ok}, {@code default},
     * {@code log}, {@code http} — statuses or channels, not severities; the caller's default
     * applies. {@code verbose} is ambiguous (below debug in Serilog/logcat, above it in
     * winston) and maps to DEBUG.
     */
    private static final LevelVocabulary FIELD_WORDS = new LevelVocabulary(
            "trace", TRACE, "trc", TRACE, "finest", TRACE, "finer", TRACE, "silly", TRACE, "t", TRACE,
            "debug", DEBUG, "dbg", DEBUG, "fine", DEBUG, "config", DEBUG, "verbose", DEBUG,
            "vrb", DEBUG, "d", DEBUG, "v", DEBUG,
            "info", INFO, "inf", INFO, "information", INFO, "informational", INFO,
            "informative", INFO, "notice", INFO, "i", INFO,
            "warn", WARN, "warning", WARN, "wrn", WARN, "w", WARN,
            "error", ERROR, "err", ERROR, "eror", ERROR, "severe", ERROR, "fail", ERROR,
            "failure", ERROR, "e", ERROR,
            "fatal", FATAL, "ftl", FATAL, "critical", FATAL, "crit", FATAL, "crt", FATAL,
            "alert", FATAL, "emerg", FATAL, "emergency", FATAL, "panic", FATAL, "f", FATAL,
            "a", FATAL);

    /** syslog severity 0–7 (RFC 5424). */
    private static final Level[] SYSLOG = {FATAL, FATAL, FATAL, ERROR, WARN, INFO, INFO, DEBUG};
    /** pino/bunyan decades 10–60. */
    private static final Level[] PINO = {TRACE, DEBUG, INFO, WARN, ERROR, FATAL};
    private static final int MAX_NUMBER_DIGITS = 9;

    private LevelNormalizer() {
    }

    /**
     * The level named by a level field value, or null when unknown. Case-insensitive; leading
     * and trailing whitespace, one trailing {@code :} and one enclosing {@code [...]} are
     * ignored ({@code " [Error]: "} is ERROR). Accepted words:
     * <ul>
     *   <li>TRACE: trace, trc, finest, finer, silly, t</li>
     *   <li>DEBUG: debug, dbg, fine, config, verbose, vrb, d, v</li>
     *   <li>INFO: info, inf, information, informational, informative, notice, i</li>
     *   <li>WARN: warn, warning, wrn, w</li>
     *   <li>ERROR: error, err, eror, severe, fail, failure, e</li>
     *   <li>FATAL: fatal, ftl, critical, crit, crt, alert, emerg, emergency, panic, f, a</li>
     * </ul>
     * A string of digits is read as {@link #fromNumber(long)} ({@code "50"}, {@code "3"}).
     */
    public static Level fromText(CharSequence s) {
        if (s == null) {
            return null;
        }
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) <= ' ') {
            end--;
        }
        if (end > start && s.charAt(end - 1) == ':') {
            end--;
        }
        if (end - start >= 2 && s.charAt(start) == '[' && s.charAt(end - 1) == ']') {
            start++;
            end--;
        }
        if (start == end) {
            return null;
        }
        return isDigit(s.charAt(start)) ? fromDigits(s, start, end) : FIELD_WORDS.find(s, start, end);
    }

    /**
     * Numeric levels: syslog severities 0–7 (0 emerg, 1 alert, 2 crit → FATAL; 3 err → ERROR;
     * 4 warning → WARN; 5 notice, 6 info → INFO; 7 debug → DEBUG) and pino/bunyan 10–69,
     * rounded down to the decade (10 TRACE, 20 DEBUG, 30 INFO, 40 WARN, 50 ERROR, 60 FATAL;
     * 35 → INFO). Anything else (8, 9, negative, ≥ 70) is null. Python's numeric levels
     * (10 DEBUG … 50 CRITICAL) are one decade off; callers that know the source must map them.
     */
    public static Level fromNumber(long n) {
        if (n >= 0 && n < SYSLOG.length) {
            return SYSLOG[(int) n];
        }
        return n >= 10 && n < 70 ? PINO[(int) (n / 10) - 1] : null;
    }

    /** 5xx → ERROR, 4xx → WARN, anything else (including invalid codes) → INFO. */
    public static Level fromHttpStatus(int status) {
        if (status >= 500 && status <= 599) {
            return ERROR;
        }
        return status >= 400 && status <= 499 ? WARN : INFO;
    }

    /**
     * Finds a level word in an unstructured message, or null. Looks at whole tokens (ASCII
     * letter runs not glued to letters, digits, {@code _} or {@code -}) starting in the first
     * 160 chars and returns the first that qualifies:
     * <ul>
     *   <li>UPPERCASE anywhere: TRACE, DEBUG, INFO, NOTICE, WARN, WARNING, ERROR, ERR, SEVERE,
     *       FATAL, CRITICAL, CRIT, PANIC — so {@code [ERROR]}, {@code ERROR:}, {@code WARN  x}
     *       and {@code ERROR:root:msg} all count;</li>
     *   <li>any case when marked: bracketed {@code [error]} / {@code [core:error]}, or followed
     *       by {@code :} as the first token ({@code error: ...}, {@code Warning: ...},
     *       {@code panic: ...}) or after a label ({@code prog: error: ...}); marked tokens may
     *       also be ALERT, EMERG, EMERGENCY (too common as capitalised English otherwise).</li>
     * </ul>
     * A lowercase or capitalised word in running text ("no error occurred") does not count, nor
     * do exception names or stack traces — that is for the caller. Pass the message after any
     * leading timestamp ({@link TimestampParser#prefixLength}), since the colon rule only
     * applies to the first token.
     */
    public static Level sniff(CharSequence message) {
        return LevelSniffer.sniff(message);
    }

    private static Level fromDigits(CharSequence s, int start, int end) {
        if (end - start > MAX_NUMBER_DIGITS) {
            return null;
        }
        long n = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return null;
            }
            n = n * 10 + (c - '0');
        }
        return fromNumber(n);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
