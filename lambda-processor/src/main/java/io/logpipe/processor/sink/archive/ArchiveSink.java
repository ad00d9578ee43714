package io.logpipe.processor.sink.archive;

import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.sink.Deadline;

import java.util.List;

/**
 * The data lake: documents land under {@code <prefix>service=<svc>/dt=YYYY-MM-DD/hour=HH/} (see
 * {@link ArchivePartition}). In AWS through Kinesis Data Firehose ({@link FirehoseArchiveSink}), locally and in
 * tests straight to S3 ({@link S3ArchiveSink}); {@link ArchiveSinks#fromEnv} picks one.
 *
 * <p>Contract: store every document, or throw {@link ArchiveUnavailableException} (errors that may pass, after
 * bounded retries within the deadline), so the invocation fails and the platform redelivers the batch. Storing a
 * redelivered batch again must not make the lake count a document twice, or the consumer must be able to dedupe
 * it on {@code event.id} (each implementation says which). Documents an archive can never store come back as
 * dead letters. Not thread-safe; one per Lambda instance.
 */
public interface ArchiveSink extends AutoCloseable {

    ArchiveResult archive(List<LogEvent> documents, Deadline deadline) throws ArchiveUnavailableException;

    @Override
    default void close() {
    }
}
