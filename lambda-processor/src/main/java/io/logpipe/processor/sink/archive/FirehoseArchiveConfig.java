package io.logpipe.processor.sink.archive;

import io.logpipe.processor.aws.AwsClientSettings;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how {@link FirehoseArchiveSink} sends documents, parsed once at init.
 *
 * @param stream          the DirectPut delivery stream ({@code LOGPIPE_FIREHOSE_STREAM})
 * @param client          region, endpoint ({@code LOGPIPE_FIREHOSE_ENDPOINT}, local only), the SDK's retries of
 *                        whole calls and timeouts
 * @param maxAttempts     PutRecordBatch attempts for records Firehose reports failed, first one included
 * @param initialBackoff  ceiling of the first retry's random delay (full jitter), doubling per retry
 * @param maxBackoff      cap of that ceiling
 * @param maxBatchRecords records per PutRecordBatch call, at most the API's {@value #API_MAX_BATCH_RECORDS}
 * @param maxBatchBytes   record bytes per call, at most the API's 4 MiB
 * @param maxRecordBytes  bytes per record (newline-terminated documents packed together), at most the API's
 *                        1,000 KiB; a single document (and its newline) larger than this is not sent
 * @param maxRecordDocuments documents packed into one record, at most the {@value #API_MAX_RECORD_DOCUMENTS} the
 *                        delivery stream's {@code RecordDeAggregation} splits out of one record
 */
public record FirehoseArchiveConfig(
        String stream,
        AwsClientSettings client,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        int maxBatchRecords,
        long maxBatchBytes,
        int maxRecordBytes,
        int maxRecordDocuments) {

    public static final int API_MAX_BATCH_RECORDS = 500;
    public static final long API_MAX_BATCH_BYTES = 4L << 20;
    public static final int API_MAX_RECORD_BYTES = 1_000 * 1_024;
    /** Firehose's record de-aggregation (JSON or delimited) yields at most this many sub-records per record. */
    public static final int API_MAX_RECORD_DOCUMENTS = 500;

    public FirehoseArchiveConfig {
        if (stream == null || stream.isBlank()) {
            throw new IllegalArgumentException("LOGPIPE_FIREHOSE_STREAM is required for the Firehose archive");
        }
        stream = stream.trim();
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (maxBatchRecords < 1 || maxBatchRecords > API_MAX_BATCH_RECORDS) {
            throw new IllegalArgumentException("maxBatchRecords must be 1.." + API_MAX_BATCH_RECORDS + ": " + maxBatchRecords);
        }
        if (maxRecordBytes < 2 || maxRecordBytes > API_MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("maxRecordBytes must be 2.." + API_MAX_RECORD_BYTES + ": " + maxRecordBytes);
        }
        if (maxRecordDocuments < 1 || maxRecordDocuments > API_MAX_RECORD_DOCUMENTS) {
            throw new IllegalArgumentException("maxRecordDocuments must be 1.." + API_MAX_RECORD_DOCUMENTS + ": "
                    + maxRecordDocuments);
        }
        if (maxBatchBytes < maxRecordBytes || maxBatchBytes > API_MAX_BATCH_BYTES) {
            throw new IllegalArgumentException("maxBatchBytes must be maxRecordBytes.." + API_MAX_BATCH_BYTES + ": "
                    + maxBatchBytes);
        }
    }

    /** The API's limits, 4 attempts for failed records, backoff from 100 ms up to 2 s. */
    public static FirehoseArchiveConfig of(String stream, AwsClientSettings client) {
        return new FirehoseArchiveConfig(stream, client, 4, Duration.ofMillis(100), Duration.ofSeconds(2),
                API_MAX_BATCH_RECORDS, API_MAX_BATCH_BYTES, API_MAX_RECORD_BYTES, API_MAX_RECORD_DOCUMENTS);
    }

    /** From {@code LOGPIPE_FIREHOSE_STREAM} (required), {@code LOGPIPE_FIREHOSE_ENDPOINT} and {@code AWS_REGION}. */
    public static FirehoseArchiveConfig fromEnv(Map<String, String> env) {
        String stream = env.get("LOGPIPE_FIREHOSE_STREAM");
        if (stream == null || stream.isBlank()) {
            throw new IllegalArgumentException("LOGPIPE_ARCHIVE=firehose needs LOGPIPE_FIREHOSE_STREAM");
        }
        return of(stream, AwsClientSettings.fromEnv(env, "LOGPIPE_FIREHOSE_ENDPOINT", "the Firehose archive"));
    }

    public FirehoseArchiveConfig withBatchLimits(int records, long bytes, int recordBytes) {
        return new FirehoseArchiveConfig(stream, client, maxAttempts, initialBackoff, maxBackoff, records, bytes,
                recordBytes, maxRecordDocuments);
    }

    public FirehoseArchiveConfig withRecordDocuments(int documents) {
        return new FirehoseArchiveConfig(stream, client, maxAttempts, initialBackoff, maxBackoff, maxBatchRecords,
                maxBatchBytes, maxRecordBytes, documents);
    }

    public FirehoseArchiveConfig withRetries(int attempts, Duration initial, Duration max) {
        return new FirehoseArchiveConfig(stream, client, attempts, initial, max, maxBatchRecords, maxBatchBytes,
                maxRecordBytes, maxRecordDocuments);
    }
}
