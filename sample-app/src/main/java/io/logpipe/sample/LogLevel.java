package io.logpipe.sample;

import java.util.Locale;

/** The levels the service logs at, named as Python's {@code logging} names them. */
public enum LogLevel {
    DEBUG, INFO, WARNING, ERROR;

    public boolean isAtLeast(LogLevel threshold) {
        return ordinal() >= threshold.ordinal();
    }

    /** {@code LOG_LEVEL} values, case-insensitive; {@code WARN} is accepted for WARNING. */
    public static LogLevel parse(String value) {
        String v = value.strip().toUpperCase(Locale.ROOT);
        if (v.equals("WARN")) {
            return WARNING;
        }
        for (LogLevel level : values()) {
            if (level.name().equals(v)) {
                return level;
            }
        }
        throw new IllegalArgumentException("LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, was '" + value + "'");
    }

    /** The level an access line is logged at: 5xx ERROR, 4xx WARNING, anything else INFO. */
    public static LogLevel ofHttpStatus(int status) {
        return status >= 500 ? ERROR : status >= 400 ? WARNING : INFO;
    }
}
