package io.logpipe.processor.model;

import java.util.Locale;

/**
 * Why an input did not become a document. {@link #retryable()} tells the sink and the handler whether
 * trying again later could succeed (then the invocation fails so the platform redelivers) or whether the
 * input goes to the dead-letter sink.
 */
public enum FailureKind {
    INPUT_TOO_LARGE(false),
    MALFORMED_ENVELOPE(false),
    BAD_BASE64(false),
    BAD_GZIP(false),
    DECOMPRESSION_LIMIT(false),
    MALFORMED_PAYLOAD(false),
    MALFORMED_EVENT(false),
    PROCESSING_ERROR(false),
    DOCUMENT_REJECTED(false),
    SINK_UNAVAILABLE(true);

    private final boolean retryable;

    FailureKind(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
