package io.logpipe.processor.model;

/** Pipeline stages, in order. A dead letter names the stage that gave up on the event. */
public enum Stage {
    DECODE, PARSE, CLEAN, REDACT, ENRICH, SERIALIZE, SINK;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
