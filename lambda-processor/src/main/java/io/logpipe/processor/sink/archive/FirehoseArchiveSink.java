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
 * Sends documents to a Kinesis Data Firehose DirectPut delivery stream, which writes the lake in AWS: one record
 * per document, its JSON followed by {@code \n}.
 *
 * <p>Limits: calls carry at most 500 records and 4 MiB, split in order ({@link ArchiveBatches}). A record may not
 * exceed 1,000 KiB. The processor's bounds keep almost every document far below (message 32 KiB chars, stack
 * trace 64 KiB chars), but a huge Kafka record with up to 1,000 attribute values of 8 KiB chars each can exceed
 * it, so this is handled rather than assumed: such a document is not sent and comes back as a dead letter that
 * keeps it (it is in OpenSearch, not in the lake).
 *
 * <p>Retries: Firehose may accept a call but fail some records ({@code FailedPutCount}, per-record
 * {@code ErrorCode}, mostly {@code ServiceUnavailableException} when the stream is throttled). Only those records
 * are sent again, with exponential backoff and full jitter, while attempts and the deadline allow; if some still
 * fail, {@link #archive} throws {@link ArchiveUnavailableException} and the invocation fails. Whole-call errors
 * (throttling, 5xx, network) are retried by the SDK's standard mode inside the client; when those run out, it
 * throws at once.
 *
 * <p>Duplicates: Firehose has no idempotent put. Records already accepted are sent again when the batch is
 * redelivered after a failure (and Firehose itself delivers at least once), so the Firehose lake is
 * at-least-once: queries that must be exact dedupe on {@code event.id}.
 *
 * <p>Partitioning happens in the delivery stream (see the CDK issue): dynamic partitioning with inline JQ parsing
 * of the record's own fields, {@link #PARTITION_KEYS_JQ}, S3 prefix {@link #S3_PREFIX_TEMPLATE} (after the lake
 * prefix), and record format conversion to Parquet from the Glue table's schema. The JQ reproduces
 * {@link ArchivePartition}'s rules, so both archives produce the same layout.
 */
public final class FirehoseArchiveSink implements ArchiveSink {
    /** The delivery stream's {@code MetadataExtractionQuery} (JQ-1.6). */
    public static final String PARTITION_KEYS_JQ = "{service: (.service.name // \"\" | if . == \"\" then \"unknown\""
            + " else gsub(\"[^A-Za-z0-9._-]\"; \"_\") | ascii_downcase | .[0:" + ArchivePartition.MAX_SERVICE_CHARS
            + "] end), dt: .[\"@timestamp\"][0:10], hour: .[\"@timestamp\"][11:13]}";
    /** The delivery stream's S3 prefix after {@code logs/structured/}. */
    public static final String S3_PREFIX_TEMPLATE = "service=!{partitionKeyFromQuery:service}/"
            + "dt=!{partitionKeyFromQuery:dt}/hour=!{partitionKeyFromQuery:hour}/";
    /** A retry is started only if at least this much time would be left for its call. */
    static final Duration MIN_CALL_TIME = Duration.ofSeconds(1);

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private record Item(EncodedDocument document, Record record) {
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
        List<Item> items = new ArrayList<>(encoded.documents().size());
        for (EncodedDocument d : encoded.documents()) {
            int size = d.json().length + 1;
            if (size > config.maxRecordBytes()) {
                rejected.add(DeadLetter.rejected("Firehose cannot archive a document of " + size
                        + " bytes: its record limit is " + config.maxRecordBytes() + " bytes", d.event().raw, d.text()));
                continue;
            }
            items.add(new Item(d, record(d.json())));
        }
        int archived = 0;
        for (List<Item> batch : ArchiveBatches.split(items, i -> i.document().json().length + 1,
                config.maxBatchRecords(), config.maxBatchBytes())) {
            archived += deliver(batch, deadline, archived, items.size());
        }
        return new ArchiveResult(archived, rejected);
    }

    /** Sends one batch, then only its failed records again; returns how many it delivered (all) or throws. */
    private int deliver(List<Item> batch, Deadline deadline, int archivedBefore, int total)
            throws ArchiveUnavailableException {
        List<Item> pending = batch;
        for (int attempt = 1; ; attempt++) {
            long remaining = deadline.remainingMillis();
            int delivered = batch.size() - pending.size();
            if (remaining <= 0) {
                throw unavailable("no time left to send " + pending.size() + " records", archivedBefore + delivered,
                        total, null);
            }
            PutRecordBatchResponse response;
            try {
                response = api.putRecordBatch(request(pending, remaining));
            } catch (SdkException e) {
                throw unavailable("PutRecordBatch of " + pending.size() + " records failed: " + e.getMessage(),
                        archivedBefore + delivered, total, e);
            }
            List<Item> failed = failed(pending, response);
            if (failed.isEmpty()) {
                return batch.size();
            }
            delivered = batch.size() - failed.size();
            long delay = retry.delayBeforeNext(attempt, deadline);
            if (delay < 0) {
                throw unavailable(failed.size() + " of " + batch.size() + " records still failed after " + attempt
                        + (attempt == 1 ? " attempt" : " attempts") + " (" + errorCodes(response) + ")",
                        archivedBefore + delivered, total, null);
            }
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable("interrupted while retrying " + failed.size() + " records",
                        archivedBefore + delivered, total, e);
            }
            pending = failed;
        }
    }

    private PutRecordBatchRequest request(List<Item> items, long remainingMillis) {
        List<Record> records = new ArrayList<>(items.size());
        for (Item i : items) {
            records.add(i.record());
        }
        return PutRecordBatchRequest.builder()
                .deliveryStreamName(config.stream())
                .records(records)
                // All attempts of this call must end before the invocation's deadline.
                .overrideConfiguration(o -> o.apiCallTimeout(config.client().callTimeoutWithin(remainingMillis)))
                .build();
    }

    /** The records Firehose reports failed, matched to the request by position as the API defines. */
    private static List<Item> failed(List<Item> sent, PutRecordBatchResponse response) {
        Integer failedCount = response.failedPutCount();
        if (failedCount == null || failedCount == 0) {
            return List.of();
        }
        List<PutRecordBatchResponseEntry> entries = response.requestResponses();
        if (entries.size() != sent.size()) {
            return sent;          // cannot tell which: send all again (duplicates beat losses)
        }
        List<Item> failed = new ArrayList<>(failedCount);
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

    private static Record record(byte[] json) {
        byte[] data = new byte[json.length + 1];
        System.arraycopy(json, 0, data, 0, json.length);
        data[json.length] = '\n';
        return Record.builder().data(SdkBytes.fromByteArrayUnsafe(data)).build();
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
