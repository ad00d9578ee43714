package io.logpipe.testkit.servers;

/** An OpenSearch node did not start or did not become healthy; the message carries the tail of its logs. */
public final class OpenSearchStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OpenSearchStartException(String message) {
        super(message);
    }

    public OpenSearchStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
