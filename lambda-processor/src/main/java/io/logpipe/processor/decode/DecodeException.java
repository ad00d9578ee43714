package io.logpipe.processor.decode;

import io.logpipe.processor.model.FailureKind;

/** A whole payload could not be opened; it becomes one payload-level dead letter with this reason. */
public final class DecodeException extends Exception {
    private final FailureKind kind;

    public DecodeException(FailureKind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }
}
