package io.logpipe.processor.sink.archive;

import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.opensearch.bulk.RetryPolicy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Sends documents to a Kinesis Data Firehose DirectPut delivery stream, which writes the lake in AWS. Documents are
 * packed, in order, into records of newline-terminated JSON lines (NDJSON), because Firehose bills every record
 * as at least 5 KB: one ~500-byte document per record would cost about ten times its size. The delivery stream
 * splits each record again with its {@code RecordDeAggregation} processor ({@link #SUB_RECORD_TYPE}, which
 * accepts JSON objects one per line) before the partition query and the Parquet conversion, so those still see
 * one document per record.
 *
 * <p>Limits: a record holds at most {@link FirehoseArchiveConfig#maxRecordDocuments()} documents (de-aggregation
 * yields at most 500 per record) and {@link FirehoseArchiveConfig#maxRecordBytes()} bytes (the API's 1,000 KiB);
 * calls carry at most 500 records and 4 MiB, split in order ({@link ArchiveBatches}). The processor's bounds keep
 * almost every document far below a record (message 32 KiB chars, stack trace 64 KiB chars), but a huge Kafka
 * record with up to 1,000 attribute values of 8 KiB chars each can exceed it, so this is handled rather than
 * assumed: a document that fits a record only alone is sent alone; one larger than a record is not sent and comes
 * back as a dead letter that keeps it (it is in OpenSearch, not in the lake).
 *
 * <p>Retries: Firehose may accept a call but fail some records ({@code FailedPutCount}, per-record
 * {@code ErrorCode}, mostly {@code ServiceUnavailableException} when the stream is throttled). Only those records
 * are sent again, each whole, with exactly the documents it had (Firehose takes or fails a record as a unit), with
 * exponential backoff and full jitter, while attempts and the deadline allow; if some still fail,
 * {@link #archive} throws {@link ArchiveUnavailableException} (counted in documents) and the invocation fails.
 * Whole-call errors (throttling, 5xx, network) are retried by the SDK's standard mode inside the client; when
 * those run out, it throws at once.
 *
 * <p>Duplicates: Firehose has no idempotent put. Records already accepted are sent again when the batch is
 * redelivered after a failure (and Firehose itself delivers at least once), so the Firehose lake is
 * at-least-once: queries that must be exact dedupe on {@code event.id}.
 *
 * <p>Partitioning happens in the delivery stream (see the CDK's DataLakeStack): de-aggregation, then dynamic
 * partitioning with inline JQ parsing of each document's own fields, {@link #PARTITION_KEYS_JQ}, S3 prefix
 * {@link #S3_PREFIX_TEMPLATE} (after the lake prefix), and record format conversion to Parquet from the Glue
 * table's schema. The JQ reproduces {@link ArchivePartition}'s rules, so both archives produce the same layout.
 */
public final class FirehoseArchiveSink implements ArchiveSink {
    /** The delivery stream's {@code MetadataExtractionQuery} (JQ-1.6). */
    public static final String PARTITION_KEYS_JQ = "{service: (.service.name // \"\" | if . == \"\" then \"unknown\""
            + " else gsub(\"[^A-Za-z0-9._-]\"; \"_\") | ascii_downcase | .[0:" + ArchivePartition.MAX_SERVICE_CHARS
            + "] end), dt: .[\"@timestamp\"][0:10], hour: .[\"@timestamp\"][11:13]}";
    /** The delivery stream's S3 prefix after {@code logs/structured/}. */
    public static final String S3_PREFIX_TEMPLATE = "service=!{partitionKeyFromQuery:service}/"
            + "dt=!{partitionKeyFromQuery:dt}/hour=!{partitionKeyFromQuery:hour}/";
    /** The delivery stream's {@code RecordDeAggregation} {@code SubRecordType}: consecutive JSON objects, NDJSON included. */
    public static final String SUB_RECORD_TYPE = "JSON";
    /** A retry is started only if at least this much time would be left for its call. */
    static final Duration MIN_CALL_TIME = Duration.ofSeconds(1);

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** One Firehose record: {@code documents} newline-terminated documents, {@code bytes} long. */
    private record Packed(Record record, int documents, int bytes) {
    }

    private final FirehoseArchiveConfig config;
    private final FirehoseBatchApi api;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final AutoCloseable client;
    private final ArchiveEncoder encoder = new ArchiveEncoder();

    public FirehoseArchiveSink(FirehoseArchiveConfig config) {
        this(config, FirehoseClients.create(config.client()));
    }

    /** Takes ownership of {@code client}: {@link #close()} closes it. */
    public FirehoseArchiveSink(FirehoseArchiveConfig config, FirehoseClient client) {
        this(config, client::putRecordBatch, Thread::sleep, ceiling -> ThreadLocalRandom.current().nextLong(ceiling + 1),
                client);
    }

    /** For tests: any API (a scripted fake), sleeper and jitter. */
    FirehoseArchiveSink(FirehoseArchiveConfig config, FirehoseBatchApi api, Sleeper sleeper, LongUnaryOperator jitter,
                        AutoCloseable client) {
        this.config = config;
        this.api = api;
        this.retry = new RetryPolicy(config.maxAttempts(), config.initialBackoff(), config.maxBackoff(), MIN_CALL_TIME,
                jitter);
        this.sleeper = sleeper;
        this.client = client;
    }

    @Override
    public ArchiveResult archive(List<LogEvent> documents, Deadline deadline) throws ArchiveUnavailableException {
        ArchiveEncoder.Encoded encoded = encoder.encode(documents);
        List<DeadLetter> rejected = new ArrayList<>(encoded.rejected());
        List<Packed> records = pack(encoded.documents(), rejected);
        int total = documents(records);
        int archived = 0;
        for (List<Packed> batch : ArchiveBatches.split(records, Packed::bytes, config.maxBatchRecords(),
                config.maxBatchBytes())) {
            archived += deliver(batch, deadline, archived, total);
        }
        return new ArchiveResult(archived, rejected);
    }

    /**
     * Packs documents, in order, into as few records as the record limits allow; a document too large for any
     * record becomes a dead letter in {@code rejected}.
     */
    private List<Packed> pack(List<EncodedDocument> documents, List<DeadLetter> rejected) {
        List<Packed> records = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        int bytes = 0;
        for (EncodedDocument d : documents) {
            int size = d.json().length + 1;
            if (size > config.maxRecordBytes()) {
                rejected.add(DeadLetter.rejected("Firehose cannot archive a document of " + size
                        + " bytes: its record limit is " + config.maxRecordBytes() + " bytes", d.event().raw, d.text()));
                continue;
            }
            if (!current.isEmpty() && (current.size() == config.maxRecordDocuments()
                    || bytes + size > config.maxRecordBytes())) {
                records.add(record(current, bytes));
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(d.json());
            bytes += size;
        }
        if (!current.isEmpty()) {
            records.add(record(current, bytes));
        }
        return records;
    }

    /** Sends one batch, then only its failed records again; returns how many documents it delivered (all) or throws. */
    private int deliver(List<Packed> batch, Deadline deadline, int archivedBefore, int total)
            throws ArchiveUnavailableException {
        int batchDocuments = documents(batch);
        List<Packed> pending = batch;
        for (int attempt = 1; ; attempt++) {
            long remaining = deadline.remainingMillis();
            int delivered = batchDocuments - documents(pending);
            if (remaining <= 0) {
                throw unavailable("no time left to send " + count(pending), archivedBefore + delivered, total, null);
            }
            PutRecordBatchResponse response;
            try {
                response = api.putRecordBatch(request(pending, remaining));
            } catch (SdkException e) {
                throw unavailable("PutRecordBatch of " + count(pending) + " failed: " + e.getMessage(),
                        archivedBefore + delivered, total, e);
            }
            List<Packed> failed = failed(pending, response);
            if (failed.isEmpty()) {
                return batchDocuments;
            }
            delivered = batchDocuments - documents(failed);
            long delay = retry.delayBeforeNext(attempt, deadline);
            if (delay < 0) {
                throw unavailable(failed.size() + " of " + batch.size() + " records (" + documents(failed) + " of "
                        + batchDocuments + " documents) still failed after " + attempt
                        + (attempt == 1 ? " attempt" : " attempts") + " (" + errorCodes(response) + ")",
                        archivedBefore + delivered, total, null);
            }
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable("interrupted while retrying " + count(failed), archivedBefore + delivered, total, e);
            }
            pending = failed;
        }
    }

    private PutRecordBatchRequest request(List<Packed> packed, long remainingMillis) {
        List<Record> records = new ArrayList<>(packed.size());
        for (Packed p : packed) {
            records.add(p.record());
        }
        return PutRecordBatchRequest.builder()
                .deliveryStreamName(config.stream())
                .records(records)
                // All attempts of this call must end before the invocation's deadline.
                .overrideConfiguration(o -> o.apiCallTimeout(config.client().callTimeoutWithin(remainingMillis)))
                .build();
    }

    /** The records Firehose reports failed, matched to the request by position as the API defines. */
    private static List<Packed> failed(List<Packed> sent, PutRecordBatchResponse response) {
        Integer failedCount = response.failedPutCount();
        if (failedCount == null || failedCount == 0) {
            return List.of();
        }
        List<PutRecordBatchResponseEntry> entries = response.requestResponses();
        if (entries.size() != sent.size()) {
            return sent;          // cannot tell which: send all again (duplicates beat losses)
        }
        List<Packed> failed = new ArrayList<>(failedCount);
        for (int i = 0; i < sent.size(); i++) {
            if (entries.get(i).errorCode() != null) {
                failed.add(sent.get(i));
            }
        }
        return failed.isEmpty() ? sent : failed;    // a count without codes: the same doubt as above
    }

    /** e.g. {@code ServiceUnavailableException x3}; codes only, messages may quote data. */
    private static String errorCodes(PutRecordBatchResponse response) {
        Map<String, Integer> counts = new TreeMap<>();
        for (PutRecordBatchResponseEntry e : response.requestResponses()) {
            if (e.errorCode() != null) {
                counts.merge(e.errorCode(), 1, Integer::sum);
            }
        }
        StringBuilder out = new StringBuilder();
        counts.forEach((code, n) -> out.append(out.isEmpty() ? "" : ", ").append(code).append(" x").append(n));
        return out.isEmpty() ? "no error codes" : out.toString();
    }

    private ArchiveUnavailableException unavailable(String what, int archived, int total, Throwable cause) {
        return new ArchiveUnavailableException("Firehose stream " + config.stream() + ": " + what, archived,
                total - archived, cause);
    }

    /** The documents' JSON, each followed by a newline, as one record. */
    private static Packed record(List<byte[]> jsons, int bytes) {
        byte[] data = new byte[bytes];
        int at = 0;
        for (byte[] json : jsons) {
            System.arraycopy(json, 0, data, at, json.length);
            at += json.length;
            data[at++] = '\n';
        }
        return new Packed(Record.builder().data(SdkBytes.fromByteArrayUnsafe(data)).build(), jsons.size(), bytes);
    }

    private static int documents(List<Packed> records) {
        int n = 0;
        for (Packed r : records) {
            n += r.documents();
        }
        return n;
    }

    /** e.g. {@code 3 records (812 documents)}. */
    private static String count(List<Packed> records) {
        return records.size() + (records.size() == 1 ? " record (" : " records (") + documents(records)
                + (documents(records) == 1 ? " document)" : " documents)");
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the Firehose client", e);
        }
    }

    @Override
    public String toString() {
        return "FirehoseArchiveSink[" + config.stream() + "]";
    }
}
