package io.logpipe.processor.sink;

import io.logpipe.processor.model.LogEvent;

import java.util.List;

/**
 * Where documents go: OpenSearch in AWS, stdout in the CLI, nothing in a dry run. A sink writes what it can,
 * reports documents it can never write as rejected (they become dead letters), and throws
 * {@link SinkUnavailableException} when it ran out of retries on errors that may pass, so the invocation
 * fails and the platform redelivers.
 */
public interface DocumentSink extends AutoCloseable {

    SinkResult write(List<LogEvent> documents, Deadline deadline) throws SinkUnavailableException;

    @Override
    default void close() {
    }
}
