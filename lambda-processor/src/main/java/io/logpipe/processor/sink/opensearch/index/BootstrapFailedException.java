package io.logpipe.processor.sink.opensearch.index;

/** A bootstrap run ended with a failed step; the message names the step and why (never a secret). */
public final class BootstrapFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BootstrapFailedException(String message) {
        super(message);
    }
}
