package io.logpipe.processor.sink.opensearch.index;

/** A step could not learn the cluster's state; the bootstrap reports it as that step's failure. */
final class BootstrapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BootstrapException(String message) {
        super(message);
    }
}
