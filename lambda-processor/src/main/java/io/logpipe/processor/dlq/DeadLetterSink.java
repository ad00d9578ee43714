package io.logpipe.processor.dlq;

import io.logpipe.processor.model.DeadLetter;

import java.util.List;

/** Keeps what could not become a document: S3 under {@code dead-letter/} in AWS, a file locally. */
public interface DeadLetterSink extends AutoCloseable {

    /** Stores the dead letters durably before returning; throws if it cannot (the invocation then fails). */
    void accept(List<DeadLetter> deadLetters);

    @Override
    default void close() {
    }
}
