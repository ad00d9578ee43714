package io.logpipe.testkit.kafka;

import io.logpipe.testkit.fixtures.MskEvents;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A stand-in for Lambda's Amazon MSK event source mapping (ESM), for tests: it consumes topics with a
 * {@link KafkaConsumer} in a consumer group and invokes a function with exactly the event the ESM delivers (see
 * {@link MskEventJson}), with the ESM's delivery rules:
 * <ul>
 *   <li><b>Batching</b>: a batch closes when it holds {@link Options#batchSize()} records, when the next record
 *       would take the event past {@link Options#maxPayloadBytes()} (Lambda's 6 MB invocation payload), or when
 *       {@link Options#batchingWindow()} has passed since its first record arrived (default 500 ms, as for MSK).
 *       Records that did not fit wait for the next batch; a partition's records stay in offset order.</li>
 *   <li><b>Commit after success</b>: offsets (last offset + 1 per partition) are committed synchronously only
 *       after the function returned normally; auto-commit is off. At least once: a crash before the commit
 *       redelivers the batch to the next consumer of the group.</li>
 *   <li><b>Retry on error</b>: when the function throws, nothing is committed, the consumer seeks every partition
 *       of the batch back to the batch's first offset, and the next invocation re-reads the same records from the
 *       broker and delivers the identical event again ({@link MskBatch#attempt()} counts up). As on the ESM, records
 *       behind a failing batch are held back. With {@link Options#maximumRetryAttempts()} {@code >= 0} the batch
 *       is given up after that many retries: it goes to the on-failure destination ({@link #onFailureDestination()})
 *       and its offsets are committed, so the partition moves on. The default, -1, retries forever.</li>
 *   <li><b>A record too large to invoke with</b> (its event alone exceeds the payload limit) is delivered in a
 *       batch of its own that fails without calling the function ({@link PayloadTooLargeException}); it then
 *       follows the retry rule. AWS does not document this case; this is the poller's model of it.</li>
 *   <li><b>Starting position</b> applies only while the group has no committed offset for a partition:
 *       {@link StartingPosition#TRIM_HORIZON} (earliest), {@link StartingPosition#LATEST} (records produced after
 *       the assignment; call {@link #awaitAssignment} before producing) or {@link StartingPosition#AT_TIMESTAMP}.</li>
 * </ul>
 * Not modelled: parallel pollers and per-partition concurrency, maximum record age, batch bisection and partial
 * batch responses. Not thread-safe: one thread calls {@link #next}, {@link #drain} or {@link #runUntil}.
 *
 * <pre>{@code
 * try (MskEventPoller esm = MskEventPoller.start(MskEventPoller.Options.forTopics(kafka.bootstrapServers(), "app-logs"))) {
 *     esm.drain(batch -> handler.handleRequest(new ByteArrayInputStream(batch.eventBytes()), out, null),
 *             Duration.ofSeconds(2), Duration.ofMinutes(1));
 * }
 * }</pre>
 */
public final class MskEventPoller implements AutoCloseable {
    /** Lambda's payload limit for a synchronous invocation: 6 MB (6,291,456 bytes). */
    public static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
    /** The ESM's default and maximum batch size for MSK. */
    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final int MAX_BATCH_SIZE = 10_000;
    /** The ESM's default batching window for MSK (0–300 s when set). */
    public static final Duration DEFAULT_BATCHING_WINDOW = Duration.ofMillis(500);

    private static final Duration POLL_SLICE = Duration.ofMillis(100);
    private static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    /** Where a partition starts when the consumer group has no committed offset for it. */
    public enum StartingPosition { TRIM_HORIZON, LATEST, AT_TIMESTAMP }

    /** The function under test; throwing anything is a failed invocation. */
    @FunctionalInterface
    public interface Function {
        void invoke(MskBatch batch) throws Exception;
    }

    public enum Outcome {
        /** No record arrived in time; nothing was invoked. */
        IDLE,
        /** The function returned; the batch's offsets are committed. */
        SUCCEEDED,
        /** The function threw (or the payload was too large); nothing committed, the batch will be retried. */
        FAILED,
        /** The function threw on the last allowed retry; the batch went to the on-failure destination, committed. */
        DISCARDED
    }

    /** What one {@link #next} did; {@code batch} and {@code error} are null when {@link Outcome#IDLE}. */
    public record Result(Outcome outcome, MskBatch batch, Throwable error) {
    }

    /**
     * Counters since the poller started. {@code recordsDelivered} counts every record handed to an invocation,
     * retries included; {@code recordsCommitted} those whose offsets were committed after a successful
     * invocation; discarded records are committed too but counted apart.
     */
    public record Stats(long invocations, long succeeded, long failed, long recordsDelivered, long recordsCommitted,
                        long batchesDiscarded, long recordsDiscarded, int largestBatchRecords, int largestBatchBytes) {
    }

    /** Invoked instead of the function for a record whose event alone exceeds the payload limit. */
    public static final class PayloadTooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PayloadTooLargeException(String message) {
            super(message);
        }
    }

    /**
     * Event source mapping settings.
     *
     * @param bootstrapServers          where the poller's consumer connects
     * @param topics                    the topics consumed (the ESM's {@code Topics})
     * @param consumerGroupId           the consumer group; the ESM's default is a unique id per mapping
     * @param batchSize                 records per invocation at most (1..10,000)
     * @param batchingWindow            how long a batch may gather after its first record (0..300 s)
     * @param maxPayloadBytes           UTF-8 size of the event at most
     * @param startingPosition          where a partition without a committed offset starts
     * @param startingPositionTimestamp the instant for {@link StartingPosition#AT_TIMESTAMP}, else null
     * @param maximumRetryAttempts      retries of a failed batch before it is discarded; -1 = forever
     * @param retryBackoff              pause before a retry
     * @param eventSourceArn            the event's {@code eventSourceArn}
     * @param eventBootstrapServers     the event's {@code bootstrapServers} (the cluster's bootstrap brokers)
     * @param consumerOverrides         extra or overriding {@link KafkaConsumer} settings
     */
    public record Options(String bootstrapServers, List<String> topics, String consumerGroupId, int batchSize,
                          Duration batchingWindow, int maxPayloadBytes, StartingPosition startingPosition,
                          Instant startingPositionTimestamp, int maximumRetryAttempts, Duration retryBackoff,
                          String eventSourceArn, String eventBootstrapServers, Map<String, Object> consumerOverrides) {

        public Options {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(consumerGroupId, "consumerGroupId");
            Objects.requireNonNull(batchingWindow, "batchingWindow");
            Objects.requireNonNull(startingPosition, "startingPosition");
            Objects.requireNonNull(retryBackoff, "retryBackoff");
            Objects.requireNonNull(eventSourceArn, "eventSourceArn");
            Objects.requireNonNull(eventBootstrapServers, "eventBootstrapServers");
            topics = List.copyOf(topics);
            consumerOverrides = Map.copyOf(consumerOverrides);
            if (topics.isEmpty()) {
                throw new IllegalArgumentException("at least one topic");
            }
            if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("batchSize must be 1.." + MAX_BATCH_SIZE + ": " + batchSize);
            }
            if (batchingWindow.isNegative() || batchingWindow.compareTo(Duration.ofSeconds(300)) > 0) {
                throw new IllegalArgumentException("batchingWindow must be 0..300 s: " + batchingWindow);
            }
            if (maxPayloadBytes < 1024) {
                throw new IllegalArgumentException("maxPayloadBytes must be at least 1024: " + maxPayloadBytes);
            }
            if (maximumRetryAttempts < -1) {
                throw new IllegalArgumentException("maximumRetryAttempts must be -1 (forever) or more: "
                        + maximumRetryAttempts);
            }
            if (startingPosition == StartingPosition.AT_TIMESTAMP && startingPositionTimestamp == null) {
                throw new IllegalArgumentException("AT_TIMESTAMP needs startingPositionTimestamp");
            }
        }

        /**
         * The ESM's defaults for MSK (batch size 100, 500 ms window, 6 MB payload, retry forever) with
         * {@code TRIM_HORIZON}, a unique consumer group and the testkit's example ARN.
         */
        public static Options forTopics(String bootstrapServers, String... topics) {
            return new Options(bootstrapServers, List.of(topics), "logpipe-esm-" + UUID.randomUUID(),
                    DEFAULT_BATCH_SIZE, DEFAULT_BATCHING_WINDOW, MAX_PAYLOAD_BYTES, StartingPosition.TRIM_HORIZON, null,
                    -1, Duration.ofMillis(50), MskEvents.DEFAULT_EVENT_SOURCE_ARN, bootstrapServers, Map.of());
        }

        public Options withConsumerGroupId(String v) {
            return new Options(bootstrapServers, topics, v, batchSize, batchingWindow, maxPayloadBytes,
                    startingPosition, startingPositionTimestamp, maximumRetryAttempts, retryBackoff, eventSourceArn,
                    eventBootstrapServers, consumerOverrides);
        }

        public Options withBatchSize(int v) {
            return new Options(bootstrapServers, topics, consumerGroupId, v, batchingWindow, maxPayloadBytes,
                    startingPosition, startingPositionTimestamp, maximumRetryAttempts, retryBackoff, eventSourceArn,
                    eventBootstrapServers, consumerOverrides);
        }

        public Options withBatchingWindow(Duration v) {
            return new Options(bootstrapServers, topics, consumerGroupId, batchSize, v, maxPayloadBytes,
                    startingPosition, startingPositionTimestamp, maximumRetryAttempts, retryBackoff, eventSourceArn,
                    eventBootstrapServers, consumerOverrides);
        }

        public Options withMaxPayloadBytes(int v) {
            return new Options(bootstrapServers, topics, consumerGroupId, batchSize, batchingWindow, v,
                    startingPosition, startingPositionTimestamp, maximumRetryAttempts, retryBackoff, eventSourceArn,
                    eventBootstrapServers, consumerOverrides);
        }

        public Options withStartingPosition(StartingPosition v) {
            return new Options(bootstrapServers, topics, consumerGroupId, batchSize, batchingWindow, maxPayloadBytes,
                    v, startingPositionTimestamp, maximumRetryAttempts, retryBackoff, eventSourceArn,
                    eventBootstrapServers, consumerOverrides);
        }

        /** {@link StartingPosition#AT_TIMESTAMP} from {@code v}. */
        public Options withStartingTimestamp(Instant v) {
            return new Options(bootstrapServers, topics, consumerGroupId, batchSize, batchingWindow, maxPayloadBytes,
                    StartingPosition.AT_TIMESTAMP, v, maximumRetryAttempts, retryBackoff, eventSourceArn,
                    eventBootstrapServers, consumerOverrides);
        }

        public Options withMaximumRetryAttempts(int v) {
            return new Options(bootstrapServers, topics, consumerGroupId, batchSize, batchingWindow, maxPayloadBytes,
                    startingPosition, startingPositionTimestamp, v, retryBackoff, eventSourceArn,
                    eventBootstrapServers, consumerOverrides);
        }

        public Options withRetryBackoff(Duration v) {
            return new Options(bootstrapServers, topics, consumerGroupId, batchSize, batchingWindow, maxPayloadBytes,
                    startingPosition, startingPositionTimestamp, maximumRetryAttempts, v, eventSourceArn,
                    eventBootstrapServers, consumerOverrides);
        }

        public Options withEventSourceArn(String v) {
            return new Options(bootstrapServers, topics, consumerGroupId, batchSize, batchingWindow, maxPayloadBytes,
                    startingPosition, startingPositionTimestamp, maximumRetryAttempts, retryBackoff, v,
                    eventBootstrapServers, consumerOverrides);
        }

        public Options withEventBootstrapServers(String v) {
            return new Options(bootstrapServers, topics, consumerGroupId, batchSize, batchingWindow, maxPayloadBytes,
                    startingPosition, startingPositionTimestamp, maximumRetryAttempts, retryBackoff, eventSourceArn, v,
                    consumerOverrides);
        }

        /** Adds one consumer setting over the poller's own. */
        public Options withConsumerSetting(String key, Object value) {
            Map<String, Object> c = new HashMap<>(consumerOverrides);
            c.put(key, value);
            return new Options(bootstrapServers, topics, consumerGroupId, batchSize, batchingWindow, maxPayloadBytes,
                    startingPosition, startingPositionTimestamp, maximumRetryAttempts, retryBackoff, eventSourceArn,
                    eventBootstrapServers, c);
        }
    }

    /** A consumed record with its event fragment, computed once. */
    private record Entry(ConsumerRecord<byte[], byte[]> record, TopicPartition partition, String fragment, int bytes) {
        static Entry of(ConsumerRecord<byte[], byte[]> r) {
            String fragment = MskEventJson.record(r);
            return new Entry(r, new TopicPartition(r.topic(), r.partition()), fragment, MskEventJson.utf8Length(fragment));
        }

        String key() {
            return partition.topic() + '-' + partition.partition();
        }
    }

    /** A failed batch awaiting redelivery: its offset range per partition, in the event's group order. */
    private record Retry(LinkedHashMap<TopicPartition, long[]> ranges, int attempt) {
    }

    /** What gathering produced: records in event order, and whether the lone record is too large to send. */
    private record Gathered(List<Entry> entries, boolean tooLarge, int attempt) {
    }

    private final Options options;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ArrayDeque<Entry> pending = new ArrayDeque<>();
    private final List<MskBatch> discarded = new ArrayList<>();
    private Retry retry;
    private boolean assigned;
    private boolean closed;

    private long invocations;
    private long succeeded;
    private long failed;
    private long recordsDelivered;
    private long recordsCommitted;
    private long batchesDiscarded;
    private long recordsDiscarded;
    private int largestBatchRecords;
    private int largestBatchBytes;

    private MskEventPoller(Options options) {
        this.options = options;
        this.consumer = new KafkaConsumer<>(consumerConfig(options));
        consumer.subscribe(options.topics(), new Rebalance());
    }

    /** Creates the consumer and subscribes; the group is joined on the first {@link #next} or {@link #awaitAssignment}. */
    public static MskEventPoller start(Options options) {
        return new MskEventPoller(options);
    }

    private static Map<String, Object> consumerConfig(Options o) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, o.consumerGroupId());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "logpipe-msk-esm-" + CLIENTS.incrementAndGet());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, o.startingPosition() == StartingPosition.LATEST ? "latest" : "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(o.batchSize()));
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        c.putAll(o.consumerOverrides());
        return c;
    }

    public Options options() {
        return options;
    }

    /**
     * Joins the group and waits until partitions are assigned and their positions resolved (so that with
     * {@link StartingPosition#LATEST} every record produced afterwards is delivered). Records fetched meanwhile
     * are kept for the next batch.
     */
    public void awaitAssignment(Duration timeout) {
        requireOpen();
        if (!joinGroup(timeout)) {
            throw new IllegalStateException("no partition of " + options.topics() + " assigned within " + timeout);
        }
        for (TopicPartition tp : consumer.assignment()) {
            consumer.position(tp, timeout);
        }
    }

    /** Polls until the group assigned partitions; records fetched meanwhile wait in {@code pending}. */
    private boolean joinGroup(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.assignment().isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            consumer.poll(Duration.ofMillis(50)).forEach(r -> pending.add(Entry.of(r)));
        }
        assigned = true;
        return true;
    }

    /**
     * Whether every assigned partition has been read to its end offset and nothing is held back or awaiting a
     * retry (asks the broker for end offsets).
     */
    public boolean caughtUp() {
        requireOpen();
        Set<TopicPartition> assignment = consumer.assignment();
        if (!pending.isEmpty() || retry != null || assignment.isEmpty()) {
            return false;
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(assignment, Duration.ofSeconds(15));
        for (TopicPartition tp : assignment) {
            if (consumer.position(tp, Duration.ofSeconds(15)) < end.getOrDefault(tp, 0L)) {
                return false;
            }
        }
        return true;
    }

    /**
     * One ESM step: gathers a batch (or takes up the batch awaiting a retry), invokes {@code function} with its
     * event, then commits or seeks back. Waits up to {@code waitForRecords} for a first record and returns
     * {@link Outcome#IDLE} if none arrives. The first call first waits (up to 60 s) for the group to assign
     * partitions; that wait does not count against {@code waitForRecords}.
     */
    public Result next(Function function, Duration waitForRecords) {
        requireOpen();
        Objects.requireNonNull(function, "function");
        if (!assigned) {
            joinGroup(JOIN_TIMEOUT);
        }
        Gathered g = retry != null ? replay(retry) : gather(waitForRecords);
        if (g.entries().isEmpty()) {
            return new Result(Outcome.IDLE, null, null);
        }
        MskEventJson.Builder event = new MskEventJson.Builder(options.eventSourceArn(), options.eventBootstrapServers());
        LinkedHashMap<TopicPartition, long[]> ranges = new LinkedHashMap<>();
        Map<String, long[]> rangesByKey = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(g.entries().size());
        for (Entry e : g.entries()) {
            event.add(e.key(), e.fragment(), e.bytes());
            long offset = e.record().offset();
            ranges.computeIfAbsent(e.partition(), k -> new long[] {offset, offset})[1] = offset;
            rangesByKey.put(e.key(), ranges.get(e.partition()));
        }
        for (Map.Entry<TopicPartition, List<Entry>> group : groupedInEventOrder(g.entries()).entrySet()) {
            for (Entry e : group.getValue()) {
                ids.add(e.key() + '-' + e.record().offset());
            }
        }
        MskBatch batch = new MskBatch((int) ++invocations, g.attempt(), event.build(), event.bytes(), ids, rangesByKey);
        recordsDelivered += batch.size();
        largestBatchRecords = Math.max(largestBatchRecords, batch.size());
        largestBatchBytes = Math.max(largestBatchBytes, batch.payloadBytes());

        Throwable error = null;
        if (g.tooLarge()) {
            error = new PayloadTooLargeException("the event for " + batch.recordIds().getFirst() + " is "
                    + batch.payloadBytes() + " bytes, over the " + options.maxPayloadBytes() + "-byte invocation payload limit");
        } else {
            try {
                function.invoke(batch);
            } catch (Throwable t) {
                error = t;
            }
        }
        Result result = error == null ? succeeded(batch, ranges) : failed(batch, ranges, error);
        if (error instanceof Error e) {
            throw e;
        }
        return result;
    }

    private Result succeeded(MskBatch batch, LinkedHashMap<TopicPartition, long[]> ranges) {
        commit(ranges);
        retry = null;
        succeeded++;
        recordsCommitted += batch.size();
        return new Result(Outcome.SUCCEEDED, batch, null);
    }

    private Result failed(MskBatch batch, LinkedHashMap<TopicPartition, long[]> ranges, Throwable error) {
        failed++;
        int retriesSoFar = batch.attempt() - 1;
        if (options.maximumRetryAttempts() >= 0 && retriesSoFar >= options.maximumRetryAttempts()) {
            discarded.add(batch);
            batchesDiscarded++;
            recordsDiscarded += batch.size();
            commit(ranges);                      // the ESM moves past a batch it gave up on
            retry = null;
            return new Result(Outcome.DISCARDED, batch, error);
        }
        seekBack(ranges);
        retry = new Retry(ranges, batch.attempt() + 1);
        sleep(options.retryBackoff());
        return new Result(Outcome.FAILED, batch, error);
    }

    /**
     * Runs {@link #next} until no record arrives for {@code idle} and the consumer has {@link #caughtUp() caught up}
     * (read every assigned partition to its end, no retry pending). Throws {@link IllegalStateException} if that
     * does not happen within {@code timeout}, e.g. while a batch keeps failing.
     */
    public Stats drain(Function function, Duration idle, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the topics were not drained within " + timeout + ": " + stats());
            }
            if (next(function, idle).outcome() == Outcome.IDLE && caughtUp()) {
                return stats();
            }
        }
    }

    /** Runs {@link #next} until {@code done} is true (checked before each step); throws if not within {@code timeout}. */
    public Stats runUntil(Function function, BooleanSupplier done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not met within " + timeout + ": " + stats());
            }
            next(function, POLL_SLICE);
        }
        return stats();
    }

    private Gathered gather(Duration waitForRecords) {
        Batching b = new Batching();
        while (!b.closed && !pending.isEmpty()) {
            b.offer(pending.pollFirst(), true);
        }
        long firstDeadline = System.nanoTime() + waitForRecords.toNanos();
        while (b.entries.isEmpty() && !b.closed) {
            long left = firstDeadline - System.nanoTime();
            if (left <= 0) {
                return new Gathered(List.of(), false, 1);
            }
            b.offerAll(consumer.poll(slice(left)));
        }
        long windowEnd = b.firstArrival + options.batchingWindow().toNanos();
        while (!b.closed && b.entries.size() < options.batchSize()) {
            long left = windowEnd - System.nanoTime();
            if (left <= 0) {
                break;
            }
            b.offerAll(consumer.poll(slice(left)));
        }
        return new Gathered(b.entries, b.tooLarge, 1);
    }

    /** Fills one batch in arrival order; once closed, everything else waits in {@code pending}. */
    private final class Batching {
        final List<Entry> entries = new ArrayList<>();
        final MskEventJson.Builder size = new MskEventJson.Builder(options.eventSourceArn(), options.eventBootstrapServers());
        long firstArrival;
        boolean closed;
        boolean tooLarge;
        private final List<Entry> held = new ArrayList<>();

        void offerAll(Iterable<ConsumerRecord<byte[], byte[]>> records) {
            for (ConsumerRecord<byte[], byte[]> r : records) {
                offer(Entry.of(r), false);
            }
        }

        void offer(Entry e, boolean fromPending) {
            if (closed || entries.size() >= options.batchSize()) {
                closed = true;
                hold(e, fromPending);
                return;
            }
            if (size.bytesWith(e.key(), e.bytes()) > options.maxPayloadBytes()) {
                closed = true;
                if (entries.isEmpty()) {               // too large even alone: a batch of its own
                    tooLarge = true;
                    take(e);
                } else {
                    hold(e, fromPending);
                }
                return;
            }
            take(e);
        }

        private void take(Entry e) {
            if (entries.isEmpty()) {
                firstArrival = System.nanoTime();
            }
            entries.add(e);
            size.add(e.key(), e.fragment(), e.bytes());
        }

        /** Keeps pending's order: entries taken back from its head go back in front, new ones behind. */
        private void hold(Entry e, boolean fromPending) {
            if (fromPending) {
                pending.addFirst(e);
            } else {
                pending.addLast(e);
            }
        }
    }

    /** Re-reads a failed batch's offset ranges (the consumer was seeked back to their starts). */
    private Gathered replay(Retry r) {
        Map<TopicPartition, long[]> ranges = r.ranges();
        Set<TopicPartition> open = new HashSet<>(ranges.keySet());
        List<Entry> entries = new ArrayList<>();
        long deadline = System.nanoTime() + REPLAY_TIMEOUT.toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL_SLICE);
            open.retainAll(ranges.keySet());         // a rebalance may have taken partitions away
            for (ConsumerRecord<byte[], byte[]> rec : polled) {
                Entry e = Entry.of(rec);
                long[] range = ranges.get(e.partition());
                long offset = rec.offset();
                if (range != null && open.contains(e.partition()) && offset >= range[0] && offset <= range[1]) {
                    entries.add(e);
                    if (offset == range[1]) {
                        open.remove(e.partition());
                    }
                } else {
                    if (range != null && offset > range[1]) {
                        open.remove(e.partition());  // the range's tail is gone (compaction, retention)
                    }
                    pending.addLast(e);
                }
            }
        }
        List<TopicPartition> order = new ArrayList<>(ranges.keySet());
        entries.sort(Comparator.<Entry>comparingInt(e -> order.indexOf(e.partition()))
                .thenComparingLong(e -> e.record().offset()));
        boolean tooLarge = false;
        MskEventJson.Builder size = new MskEventJson.Builder(options.eventSourceArn(), options.eventBootstrapServers());
        for (Entry e : entries) {
            size.add(e.key(), e.fragment(), e.bytes());
        }
        if (size.bytes() > options.maxPayloadBytes()) {
            tooLarge = true;
        }
        if (entries.isEmpty()) {
            retry = null;                            // nothing left to redeliver
        }
        return new Gathered(entries, tooLarge, r.attempt());
    }

    private static Map<TopicPartition, List<Entry>> groupedInEventOrder(List<Entry> entries) {
        Map<TopicPartition, List<Entry>> groups = new LinkedHashMap<>();
        for (Entry e : entries) {
            groups.computeIfAbsent(e.partition(), k -> new ArrayList<>()).add(e);
        }
        return groups;
    }

    private void commit(Map<TopicPartition, long[]> ranges) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        ranges.forEach((tp, range) -> offsets.put(tp, new OffsetAndMetadata(range[1] + 1)));
        consumer.commitSync(offsets);
    }

    /** Rewinds the batch's partitions to its first offsets, and any partition with held-back records to those. */
    private void seekBack(Map<TopicPartition, long[]> ranges) {
        Map<TopicPartition, Long> to = new HashMap<>();
        ranges.forEach((tp, range) -> to.put(tp, range[0]));
        for (Entry e : pending) {
            to.merge(e.partition(), e.record().offset(), Math::min);
        }
        pending.clear();
        Set<TopicPartition> assigned = consumer.assignment();
        to.forEach((tp, offset) -> {
            if (assigned.contains(tp)) {
                consumer.seek(tp, offset);
            }
        });
    }

    /** Offsets the consumer group has committed, per {@code <topic>-<partition>} of the current assignment. */
    public Map<String, Long> committedOffsets() {
        requireOpen();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(consumer.assignment(), Duration.ofSeconds(15));
        Map<String, Long> out = new LinkedHashMap<>();
        committed.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .sorted(Comparator.comparing((Map.Entry<TopicPartition, OffsetAndMetadata> e) -> e.getKey().topic())
                        .thenComparingInt(e -> e.getKey().partition()))
                .forEach(e -> out.put(e.getKey().topic() + '-' + e.getKey().partition(), e.getValue().offset()));
        return out;
    }

    /** Batches given up after {@link Options#maximumRetryAttempts()} retries, in order (the on-failure destination). */
    public List<MskBatch> onFailureDestination() {
        return List.copyOf(discarded);
    }

    /** Whether a failed batch is waiting to be redelivered. */
    public boolean retryPending() {
        return retry != null;
    }

    public Stats stats() {
        return new Stats(invocations, succeeded, failed, recordsDelivered, recordsCommitted, batchesDiscarded,
                recordsDiscarded, largestBatchRecords, largestBatchBytes);
    }

    /** Leaves the group without committing anything more: uncommitted records go to the group's next consumer. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the poller is closed");
        }
    }

    private static Duration slice(long nanosLeft) {
        return Duration.ofNanos(Math.max(1_000_000, Math.min(nanosLeft, POLL_SLICE.toNanos())));
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Keeps held-back records and a pending retry consistent with the partitions this consumer owns. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            pending.removeIf(e -> partitions.contains(e.partition()));
            if (retry != null) {
                retry.ranges().keySet().removeAll(partitions);
                if (retry.ranges().isEmpty()) {
                    retry = null;
                }
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (options.startingPosition() != StartingPosition.AT_TIMESTAMP || partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
            Map<TopicPartition, Long> query = new HashMap<>();
            for (TopicPartition tp : partitions) {
                if (committed.get(tp) == null) {
                    query.put(tp, options.startingPositionTimestamp().toEpochMilli());
                }
            }
            if (query.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
            List<TopicPartition> toEnd = new ArrayList<>();
            query.keySet().forEach(tp -> {
                OffsetAndTimestamp at = found.get(tp);
                if (at == null) {
                    toEnd.add(tp);
                } else {
                    consumer.seek(tp, at.offset());
                }
            });
            if (!toEnd.isEmpty()) {
                consumer.seekToEnd(toEnd);
            }
        }
    }

    @Override
    public String toString() {
        return "MskEventPoller[" + options.topics() + ", group " + options.consumerGroupId() + ", " + stats() + "]";
    }
}
