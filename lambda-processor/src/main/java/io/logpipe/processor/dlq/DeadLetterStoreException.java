package io.logpipe.processor.dlq;

/**
 * Dead letters could not be stored durably. Thrown out of the handler so the invocation fails and the platform
 * redelivers the batch: nothing is dropped. The message names the destination and count, never the payloads.
 */
public final class DeadLetterStoreException extends RuntimeException {
    public DeadLetterStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
