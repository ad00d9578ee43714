package io.logpipe.sample;

import java.util.Locale;

/** {@code LOG_FORMAT}: how each event is written. */
public enum OutputFormat {
    /** One JSON object per line; a stack trace is the {@code stack_trace} field. */
    JSON,
    /** A header line, then one CSV record per event; a stack trace follows as continuation lines. */
    CSV,
    /** Python's {@code [%(asctime)s] %(levelname)s: %(message)s}; ids as key=value pairs in the message. */
    TEXT;

    public static OutputFormat parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LOG_FORMAT must be json, csv or text, was '" + value + "'", e);
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
