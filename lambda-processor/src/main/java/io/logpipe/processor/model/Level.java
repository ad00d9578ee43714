package io.logpipe.processor.model;

/** The six levels every document carries in {@code log.level}; see docs/schema.md. */
public enum Level {
    TRACE, DEBUG, INFO, WARN, ERROR, FATAL
}
