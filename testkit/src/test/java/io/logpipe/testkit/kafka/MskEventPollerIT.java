package io.logpipe.testkit.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpipe.testkit.kafka.MskEventPoller.Options;
import io.logpipe.testkit.kafka.MskEventPoller.Outcome;
import io.logpipe.testkit.kafka.MskEventPoller.Result;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The poller against the in-process broker: event shape, batching bounds, commit and redelivery rules. */
@ExtendWith(KafkaExtension.class)
class MskEventPollerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration IDLE = Duration.ofMillis(400);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static KafkaBroker kafka;

    @BeforeAll
    static void broker(KafkaBroker broker) {
        kafka = broker;
    }

    private static List<RecordMetadata> produce(String topic, int count, int partitions, int valueBytes) throws Exception {
        List<RecordMetadata> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = kafka.newProducer(Map.of("max.request.size", 4 << 20))) {
            List<java.util.concurrent.Future<RecordMetadata>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] value = ("event " + i + " ").repeat(Math.max(1, valueBytes / 10)).getBytes(StandardCharsets.UTF_8);
                futures.add(producer.send(new ProducerRecord<>(topic, i % partitions, null, value)));
            }
            for (var f : futures) {
                sent.add(f.get());
            }
        }
        return sent;
    }

    private static Set<String> ids(List<RecordMetadata> sent) {
        Set<String> ids = new HashSet<>();
        sent.forEach(m -> ids.add(m.topic() + "-" + m.partition() + "-" + m.offset()));
        return ids;
    }

    private static JsonNode parse(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void should_deliver_the_event_the_msk_mapping_sends_when_records_carry_keys_headers_and_tombstones() throws Exception {
        kafka.createTopic("poller-shape", 2);
        byte[] header = {(byte) 0xC3, (byte) 0xA9, 'x'};
        try (KafkaProducer<byte[], byte[]> producer = kafka.newProducer()) {
            producer.send(new ProducerRecord<>("poller-shape", 0, 1_710_238_532_000L, "orders:1".getBytes(StandardCharsets.UTF_8),
                    "{\"msg\":\"hi\"}".getBytes(StandardCharsets.UTF_8), List.of(new RecordHeader("origin", header)))).get();
            producer.send(new ProducerRecord<byte[], byte[]>("poller-shape", 1, 1_710_238_533_000L,
                    "gone".getBytes(StandardCharsets.UTF_8), null)).get();
        }
        List<MskBatch> seen = new ArrayList<>();
        try (MskEventPoller esm = MskEventPoller.start(Options.forTopics(kafka.bootstrapServers(), "poller-shape")
                .withEventSourceArn("arn:aws:kafka:eu-west-1:111122223333:cluster/logs/x"))) {
            esm.drain(seen::add, IDLE, TIMEOUT);

            assertThat(esm.committedOffsets()).containsExactly(Map.entry("poller-shape-0", 1L), Map.entry("poller-shape-1", 1L));
        }

        assertThat(seen).singleElement().satisfies(b -> assertThat(b.recordIds())
                .containsExactlyInAnyOrder("poller-shape-0-0", "poller-shape-1-0"));
        JsonNode event = parse(seen.getFirst().event());
        assertThat(event.path("eventSource").asText()).isEqualTo("aws:kafka");
        assertThat(event.path("eventSourceArn").asText()).isEqualTo("arn:aws:kafka:eu-west-1:111122223333:cluster/logs/x");
        assertThat(event.path("bootstrapServers").asText()).isEqualTo(kafka.bootstrapServers());
        JsonNode first = event.path("records").path("poller-shape-0").get(0);
        assertThat(first.path("topic").asText()).isEqualTo("poller-shape");
        assertThat(first.path("partition").asInt()).isZero();
        assertThat(first.path("offset").asLong()).isZero();
        assertThat(first.path("timestamp").asLong()).isEqualTo(1_710_238_532_000L);
        assertThat(first.path("timestampType").asText()).isEqualTo("CREATE_TIME");
        assertThat(new String(Base64.getDecoder().decode(first.path("key").asText()), StandardCharsets.UTF_8)).isEqualTo("orders:1");
        assertThat(new String(Base64.getDecoder().decode(first.path("value").asText()), StandardCharsets.UTF_8))
                .isEqualTo("{\"msg\":\"hi\"}");
        assertThat(first.path("headers").get(0).path("origin")).extracting(JsonNode::asInt).containsExactly(-61, -87, 120);
        JsonNode tombstone = event.path("records").path("poller-shape-1").get(0);
        assertThat(tombstone.has("value")).isFalse();
        assertThat(tombstone.has("key")).isTrue();
        assertThat(seen.getFirst().payloadBytes()).isEqualTo(seen.getFirst().eventBytes().length);
    }

    @Test
    void should_cut_batches_at_the_batch_size_and_keep_partition_order_when_a_backlog_waits() throws Exception {
        kafka.createTopic("poller-size", 3);
        List<RecordMetadata> sent = produce("poller-size", 250, 3, 20);
        List<MskBatch> batches = new ArrayList<>();
        try (MskEventPoller esm = MskEventPoller.start(Options.forTopics(kafka.bootstrapServers(), "poller-size")
                .withBatchingWindow(Duration.ofMillis(200)))) {
            MskEventPoller.Stats stats = esm.drain(batches::add, IDLE, TIMEOUT);

            assertThat(stats.recordsDelivered()).isEqualTo(250);
            assertThat(stats.recordsCommitted()).isEqualTo(250);
            assertThat(stats.largestBatchRecords()).isEqualTo(100);
            assertThat(esm.committedOffsets().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(250);
        }
        assertThat(batches).allSatisfy(b -> assertThat(b.size()).isBetween(1, 100));
        List<String> delivered = batches.stream().flatMap(b -> b.recordIds().stream()).toList();
        assertThat(delivered).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(sent));
        for (int p = 0; p < 3; p++) {
            String prefix = "poller-size-" + p + "-";
            List<Long> offsets = delivered.stream().filter(id -> id.startsWith(prefix))
                    .map(id -> Long.parseLong(id.substring(prefix.length()))).toList();
            assertThat(offsets).isSorted();
        }
    }

    @Test
    void should_wait_out_the_batching_window_when_the_batch_is_not_full() throws Exception {
        kafka.createTopic("poller-window", 1);
        produce("poller-window", 10, 1, 10);
        try (MskEventPoller esm = MskEventPoller.start(Options.forTopics(kafka.bootstrapServers(), "poller-window")
                .withBatchSize(1_000).withBatchingWindow(Duration.ofMillis(700)))) {
            esm.awaitAssignment(TIMEOUT);
            long start = System.nanoTime();
            Result result = esm.next(b -> { }, Duration.ofSeconds(10));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(result.batch().size()).isEqualTo(10);
            assertThat(elapsedMillis).isGreaterThanOrEqualTo(600);
            assertThat(esm.next(b -> { }, Duration.ofMillis(200)).outcome()).isEqualTo(Outcome.IDLE);
        }
    }

    @Test
    void should_keep_every_event_under_the_payload_limit_when_records_are_large() throws Exception {
        kafka.createTopic("poller-payload", 2);
        List<RecordMetadata> sent = produce("poller-payload", 40, 2, 10_000);
        List<MskBatch> batches = new ArrayList<>();
        try (MskEventPoller esm = MskEventPoller.start(Options.forTopics(kafka.bootstrapServers(), "poller-payload")
                .withMaxPayloadBytes(64 * 1024).withBatchingWindow(Duration.ofMillis(100)))) {
            esm.drain(batches::add, IDLE, TIMEOUT);
        }
        assertThat(batches).hasSizeGreaterThan(4)
                .allSatisfy(b -> assertThat(b.payloadBytes()).isLessThanOrEqualTo(64 * 1024).isEqualTo(b.eventBytes().length));
        assertThat(batches.stream().flatMap(b -> b.recordIds().stream()).toList())
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(sent));
    }

    @Test
    void should_redeliver_the_identical_batch_without_committing_when_the_function_fails() throws Exception {
        kafka.createTopic("poller-retry", 2);
        List<RecordMetadata> sent = produce("poller-retry", 30, 2, 10);
        AtomicInteger calls = new AtomicInteger();
        List<MskBatch> seen = new ArrayList<>();
        List<Map<String, Long>> committedAtFailure = new ArrayList<>();
        try (MskEventPoller esm = MskEventPoller.start(Options.forTopics(kafka.bootstrapServers(), "poller-retry")
                .withBatchSize(10).withBatchingWindow(Duration.ofMillis(50)))) {
            MskEventPoller.Stats stats = esm.drain(batch -> {
                seen.add(batch);
                int call = calls.incrementAndGet();
                if (call == 2 || call == 3) {
                    committedAtFailure.add(esm.committedOffsets());
                    throw new IllegalStateException("sink unavailable (call " + call + ")");
                }
            }, IDLE, TIMEOUT);

            assertThat(stats.failed()).isEqualTo(2);
            assertThat(stats.recordsCommitted()).isEqualTo(30);
            assertThat(stats.recordsDelivered()).isEqualTo(30 + 2 * seen.get(1).size());
        }
        MskBatch failed = seen.get(1);
        assertThat(seen.get(2).event()).isEqualTo(failed.event());
        assertThat(seen.get(3).event()).isEqualTo(failed.event());
        assertThat(seen.get(2).attempt()).isEqualTo(2);
        assertThat(seen.get(3).attempt()).isEqualTo(3);
        assertThat(seen.get(3).recordIds()).isEqualTo(failed.recordIds());
        assertThat(committedAtFailure.get(0)).as("nothing of the failed batch committed").isEqualTo(committedAtFailure.get(1));
        for (Map.Entry<String, long[]> range : failed.offsetRanges().entrySet()) {
            assertThat(committedAtFailure.get(0).getOrDefault(range.getKey(), 0L)).isLessThanOrEqualTo(range.getValue()[0]);
        }
        List<String> succeeded = new ArrayList<>();
        for (int i = 0; i < seen.size(); i++) {
            if (i != 1 && i != 2) {
                succeeded.addAll(seen.get(i).recordIds());
            }
        }
        assertThat(succeeded).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(sent));
    }

    @Test
    void should_resume_from_the_last_commit_when_a_new_poller_joins_the_group_after_a_failure() throws Exception {
        kafka.createTopic("poller-restart", 1);
        produce("poller-restart", 20, 1, 10);
        Options options = Options.forTopics(kafka.bootstrapServers(), "poller-restart").withBatchSize(5)
                .withBatchingWindow(Duration.ZERO).withConsumerGroupId("poller-restart-group");
        try (MskEventPoller first = MskEventPoller.start(options)) {
            assertThat(first.next(b -> { }, TIMEOUT).outcome()).isEqualTo(Outcome.SUCCEEDED);
            Result failed = first.next(b -> {
                throw new IllegalStateException("boom");
            }, TIMEOUT);
            assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(first.retryPending()).isTrue();
            assertThat(first.committedOffsets()).containsEntry("poller-restart-0", 5L);
        }
        List<String> delivered = new ArrayList<>();
        try (MskEventPoller second = MskEventPoller.start(options)) {
            second.drain(b -> delivered.addAll(b.recordIds()), IDLE, TIMEOUT);
            assertThat(second.committedOffsets()).containsEntry("poller-restart-0", 20L);
        }
        assertThat(delivered).first().isEqualTo("poller-restart-0-5");
        assertThat(delivered).hasSize(15).doesNotHaveDuplicates();
    }

    @Test
    void should_send_the_batch_to_the_on_failure_destination_and_move_on_when_retries_are_exhausted() throws Exception {
        kafka.createTopic("poller-discard", 1);
        produce("poller-discard", 8, 1, 10);
        List<MskBatch> seen = new ArrayList<>();
        try (MskEventPoller esm = MskEventPoller.start(Options.forTopics(kafka.bootstrapServers(), "poller-discard")
                .withBatchSize(4).withBatchingWindow(Duration.ZERO).withMaximumRetryAttempts(2))) {
            MskEventPoller.Stats stats = esm.drain(batch -> {
                seen.add(batch);
                if (batch.recordIds().contains("poller-discard-0-0")) {
                    throw new IllegalStateException("poison");
                }
            }, IDLE, TIMEOUT);

            assertThat(seen).extracting(MskBatch::attempt).containsExactly(1, 2, 3, 1);
            assertThat(esm.onFailureDestination()).singleElement()
                    .satisfies(b -> assertThat(b.recordIds()).containsExactly("poller-discard-0-0", "poller-discard-0-1",
                            "poller-discard-0-2", "poller-discard-0-3"));
            assertThat(stats.batchesDiscarded()).isEqualTo(1);
            assertThat(stats.recordsCommitted()).isEqualTo(4);
            assertThat(esm.committedOffsets()).containsEntry("poller-discard-0", 8L);
        }
    }

    @Test
    void should_fail_without_invoking_when_one_record_alone_exceeds_the_payload_limit() throws Exception {
        kafka.createTopic("poller-huge", 1);
        try (KafkaProducer<byte[], byte[]> producer = kafka.newProducer()) {
            producer.send(new ProducerRecord<>("poller-huge", "small-0".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>("poller-huge", new byte[8_000])).get();
            producer.send(new ProducerRecord<>("poller-huge", "small-2".getBytes(StandardCharsets.UTF_8))).get();
        }
        List<MskBatch> invoked = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        try (MskEventPoller esm = MskEventPoller.start(Options.forTopics(kafka.bootstrapServers(), "poller-huge")
                .withMaxPayloadBytes(4_096).withBatchingWindow(Duration.ofMillis(100)).withMaximumRetryAttempts(1))) {
            esm.awaitAssignment(TIMEOUT);
            while (true) {
                Result r = esm.next(invoked::add, IDLE);
                if (r.outcome() != Outcome.IDLE) {
                    results.add(r);
                } else if (esm.caughtUp()) {
                    break;
                }
            }
            assertThat(esm.onFailureDestination()).singleElement()
                    .satisfies(b -> assertThat(b.recordIds()).containsExactly("poller-huge-0-1"));
        }
        assertThat(invoked).flatExtracting(MskBatch::recordIds).containsExactly("poller-huge-0-0", "poller-huge-0-2");
        assertThat(results).extracting(Result::outcome)
                .containsExactly(Outcome.SUCCEEDED, Outcome.FAILED, Outcome.DISCARDED, Outcome.SUCCEEDED);
        assertThat(results.get(1).error()).isInstanceOf(MskEventPoller.PayloadTooLargeException.class)
                .hasMessageContaining("4096-byte");
    }

    @Test
    void should_deliver_only_new_records_when_starting_at_latest() throws Exception {
        kafka.createTopic("poller-latest", 2);
        produce("poller-latest", 6, 2, 10);
        List<String> delivered = new ArrayList<>();
        try (MskEventPoller esm = MskEventPoller.start(Options.forTopics(kafka.bootstrapServers(), "poller-latest")
                .withStartingPosition(MskEventPoller.StartingPosition.LATEST))) {
            esm.awaitAssignment(TIMEOUT);
            List<RecordMetadata> later = produce("poller-latest", 4, 2, 10);
            esm.drain(b -> delivered.addAll(b.recordIds()), IDLE, TIMEOUT);

            assertThat(delivered).containsExactlyInAnyOrderElementsOf(ids(later));
        }
    }

    @Test
    void should_start_at_the_first_record_at_or_after_the_timestamp_when_starting_at_timestamp() throws Exception {
        kafka.createTopic("poller-timestamp", 1);
        long t0 = 1_710_238_532_000L;
        try (KafkaProducer<byte[], byte[]> producer = kafka.newProducer()) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("poller-timestamp", 0, t0 + i * 1_000L, null,
                        ("e" + i).getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        List<String> delivered = new ArrayList<>();
        try (MskEventPoller esm = MskEventPoller.start(Options.forTopics(kafka.bootstrapServers(), "poller-timestamp")
                .withStartingTimestamp(Instant.ofEpochMilli(t0 + 5_000)))) {
            esm.drain(b -> delivered.addAll(b.recordIds()), IDLE, TIMEOUT);
        }
        assertThat(delivered).containsExactly("poller-timestamp-0-5", "poller-timestamp-0-6", "poller-timestamp-0-7",
                "poller-timestamp-0-8", "poller-timestamp-0-9");
    }

    @Test
    void should_reject_settings_the_mapping_does_not_allow() {
        Options o = Options.forTopics("127.0.0.1:1", "t");
        assertThatThrownBy(() -> o.withBatchSize(10_001)).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> o.withBatchingWindow(Duration.ofSeconds(301))).hasMessageContaining("batchingWindow");
        assertThatThrownBy(() -> o.withMaximumRetryAttempts(-2)).hasMessageContaining("maximumRetryAttempts");
        assertThatThrownBy(() -> o.withStartingPosition(MskEventPoller.StartingPosition.AT_TIMESTAMP))
                .hasMessageContaining("startingPositionTimestamp");
        assertThat(o.batchSize()).isEqualTo(100);
        assertThat(o.batchingWindow()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.maxPayloadBytes()).isEqualTo(6_291_456);
        assertThat(o.maximumRetryAttempts()).isEqualTo(-1);
    }
}
