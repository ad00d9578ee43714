package io.logpipe.processor.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.FailureKind;
import io.logpipe.processor.model.Stage;
import io.logpipe.testkit.faults.Fault;
import io.logpipe.testkit.faults.FaultProxy;
import io.logpipe.testkit.kafka.KafkaBroker;
import io.logpipe.testkit.kafka.KafkaExtension;
import io.logpipe.testkit.kafka.MskBatch;
import io.logpipe.testkit.kafka.MskEventPoller;
import io.logpipe.testkit.kafka.MskEventPoller.Options;
import io.logpipe.testkit.servers.OpenSearchExtension;
import io.logpipe.testkit.servers.OpenSearchServer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MSK end to end: records produced to a real (in-process) Kafka broker, delivered by the testkit's stand-in for
 * the MSK event source mapping ({@link MskEventPoller}: batches, commit only after success, redelivery on
 * failure) to {@link io.logpipe.processor.handler.MskHandler}, which writes through the OpenSearch sink into a real
 * node. Every test has its own topic, consumer group and data stream; the data streams share no prefix, since each
 * stream's template matches {@code <name>*} at the same priority.
 */
@ExtendWith({OpenSearchExtension.class, KafkaExtension.class})
class MskEventSourceIT {
    private static final Duration IDLE = Duration.ofSeconds(1);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);
    private static URI node;
    private static KafkaBroker kafka;

    @BeforeAll
    static void setUp(OpenSearchServer server, KafkaBroker broker) {
        node = server.httpUri();
        kafka = broker;
    }

    private static List<RecordMetadata> produce(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        List<RecordMetadata> sent = new ArrayList<>(records.size());
        try (KafkaProducer<byte[], byte[]> producer = kafka.newProducer(Map.of("max.request.size", 8 << 20))) {
            List<Future<RecordMetadata>> futures = new ArrayList<>(records.size());
            for (ProducerRecord<byte[], byte[]> r : records) {
                futures.add(producer.send(r));
            }
            for (Future<RecordMetadata> f : futures) {
                sent.add(f.get(60, TimeUnit.SECONDS));
            }
        }
        return sent;
    }

    /** The group's committed offsets as the broker reports them (not as the poller believes). */
    private static Map<String, Long> groupOffsets(String groupId) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = kafka.admin().listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Map<String, Long> out = new TreeMap<>();
        offsets.forEach((tp, om) -> {
            if (om != null) {
                out.put(tp.topic() + "-" + tp.partition(), om.offset());
            }
        });
        return out;
    }

    @Test
    void should_index_every_record_exactly_once_when_a_burst_is_consumed_in_esm_batches() throws Exception {
        String topic = "app-logs";
        String stream = "msk-e2e-burst";
        kafka.createTopic(topic, 6);
        MskLambda.bootstrap(node, stream);
        List<RecordMetadata> sent = produce(MskLambda.corpus(topic, 6, 5_000, 21));
        Set<String> expected = MskLambda.ids(sent);
        assertThat(expected).hasSize(5_000);
        Options options = Options.forTopics(kafka.bootstrapServers(), topic).withConsumerGroupId("msk-e2e-burst");

        MskEventPoller.Stats stats;
        try (MskLambda lambda = new MskLambda(MskLambda.sinkConfig(node, stream));
             MskEventPoller esm = MskEventPoller.start(options)) {
            stats = esm.drain(lambda, IDLE, DRAIN_TIMEOUT);

            assertThat(lambda.deadLetters).isEmpty();
            assertThat(lambda.reported("events_in")).isEqualTo(5_000);
            assertThat(lambda.reported("documents")).isEqualTo(5_000);
            assertThat(lambda.reported("duplicates")).isZero();
        }

        assertThat(stats.failed()).isZero();
        assertThat(stats.recordsDelivered()).isEqualTo(5_000);
        assertThat(stats.recordsCommitted()).isEqualTo(5_000);
        assertThat(stats.largestBatchRecords()).isLessThanOrEqualTo(MskEventPoller.DEFAULT_BATCH_SIZE);
        assertThat(stats.invocations()).isGreaterThanOrEqualTo(50);
        assertThat(groupOffsets("msk-e2e-burst")).isEqualTo(MskLambda.endOffsets(sent));
        assertThat(MskLambda.count(node, stream)).isEqualTo(5_000);
        List<String> ids = MskLambda.eventIds(node, stream);
        assertThat(ids).hasSize(5_000).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(expected);

        RecordMetadata sample = sent.get(1_234);
        JsonNode doc = MskLambda.document(node, stream, topic + "-" + sample.partition() + "-" + sample.offset());
        assertThat(doc.at("/kafka/topic").asText()).isEqualTo(topic);
        assertThat(doc.at("/kafka/partition").asInt()).isEqualTo(sample.partition());
        assertThat(doc.at("/kafka/offset").asLong()).isEqualTo(sample.offset());
        assertThat(doc.at("/message").asText()).isNotBlank();
    }

    @Test
    void should_lose_and_duplicate_nothing_when_the_sink_fails_mid_stream_and_batches_are_redelivered() throws Exception {
        String topic = "orders-logs";
        String stream = "msk-e2e-outage";
        String group = "msk-e2e-outage";
        kafka.createTopic(topic, 3);
        MskLambda.bootstrap(node, stream);
        List<RecordMetadata> sent = produce(MskLambda.corpus(topic, 3, 1_200, 22));
        Options options = Options.forTopics(kafka.bootstrapServers(), topic).withConsumerGroupId(group)
                .withBatchingWindow(Duration.ofMillis(200));

        List<MskBatch> invocations = new ArrayList<>();
        List<MskBatch> failures = new ArrayList<>();
        Map<Integer, Map<String, Long>> committedBefore = new HashMap<>();
        MskEventPoller.Stats stats;
        List<String> metricLines;
        List<DeadLetter> deadLetters;
        long duplicates;
        try (FaultProxy proxy = FaultProxy.start(node);
             MskLambda lambda = new MskLambda(MskLambda.sinkConfig(proxy.uri(), stream));
             MskEventPoller esm = MskEventPoller.start(options)) {
            stats = esm.drain(batch -> {
                invocations.add(batch);
                committedBefore.put(batch.invocation(), groupOffsets(group));
                if (batch.invocation() == 4) {
                    // The outage, after three batches went through: every bulk request answered 503 for a while,
                    // then forwarded and indexed but the connection reset before the answer.
                    proxy.inject(Fault.serverError(6, 503)).inject(Fault.resetAfterForward(3));
                }
                try {
                    lambda.invoke(batch);
                } catch (Exception e) {
                    failures.add(batch);
                    throw e;
                }
            }, IDLE, DRAIN_TIMEOUT);

            assertThat(proxy.pending()).as("the whole outage was played").isEmpty();
            assertThat(proxy.stats().faults(Fault.Kind.SERVER_ERROR)).isEqualTo(6);
            assertThat(proxy.stats().faults(Fault.Kind.RESET_AFTER_FORWARD)).isEqualTo(3);
            metricLines = lambda.metricLines();
            deadLetters = List.copyOf(lambda.deadLetters);
            duplicates = lambda.reported("duplicates");
        }

        assertThat(failures).as("the handler threw while the sink was down").hasSizeGreaterThanOrEqualTo(2);
        assertThat(stats.failed()).isEqualTo(failures.size());
        for (MskBatch failed : failures) {
            MskBatch retry = invocations.get(failed.invocation());      // invocation numbers start at 1
            assertThat(retry.attempt()).isEqualTo(failed.attempt() + 1);
            assertThat(retry.recordIds()).as("the same batch is redelivered").isEqualTo(failed.recordIds());
            int firstAttempt = failed.invocation() - failed.attempt() + 1;
            assertThat(committedBefore.get(retry.invocation())).as("nothing committed by failed invocation "
                    + failed.invocation()).isEqualTo(committedBefore.get(firstAttempt));
        }
        assertThat(metricLines.stream().filter(l -> l.contains("\"SinkFailures\":1")).count())
                .as("one SinkFailures metric per failed invocation").isEqualTo(failures.size());
        assertThat(deadLetters).as("a sink outage is redelivered, never dead-lettered").isEmpty();
        assertThat(duplicates).as("documents indexed before a reset come back as 409s, counted as duplicates").isPositive();
        assertThat(stats.recordsCommitted()).isEqualTo(1_200);
        assertThat(groupOffsets(group)).isEqualTo(MskLambda.endOffsets(sent));
        assertThat(MskLambda.count(node, stream)).isEqualTo(1_200);
        List<String> ids = MskLambda.eventIds(node, stream);
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(MskLambda.ids(sent));
    }

    @Test
    void should_dead_letter_a_tombstone_and_index_the_rest_of_its_batch_when_poison_records_arrive() throws Exception {
        String topic = "audit-logs";
        String stream = "msk-e2e-poison";
        kafka.createTopic(topic, 1, Map.of("max.message.bytes", String.valueOf(8 << 20)));
        MskLambda.bootstrap(node, stream);
        List<ProducerRecord<byte[], byte[]>> good = MskLambda.corpus(topic, 1, 100, 23);
        byte[] oversized = ("2024-03-12T10:15:32Z INFO export " + "x".repeat(1_500_000)).getBytes(StandardCharsets.UTF_8);
        byte[] binary = {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, 'b', 'i', 'n', 0, 1, (byte) 0x80, 'z'};
        byte[] tooLargeToInvoke = new byte[5 << 20];                 // its event (base64) exceeds Lambda's 6 MB payload
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(good.subList(0, 20));
        records.add(new ProducerRecord<>(topic, 0, "tenant-7".getBytes(StandardCharsets.UTF_8), null));  // offset 20
        records.addAll(good.subList(20, 40));
        records.add(new ProducerRecord<>(topic, 0, null, oversized));                                     // offset 41
        records.addAll(good.subList(40, 60));
        records.add(new ProducerRecord<>(topic, 0, null, binary));                                        // offset 62
        records.addAll(good.subList(60, 80));
        records.add(new ProducerRecord<>(topic, 0, null, tooLargeToInvoke));                              // offset 83
        records.addAll(good.subList(80, 100));
        List<RecordMetadata> sent = produce(records);
        String tombstoneId = topic + "-0-20";
        String oversizedId = topic + "-0-41";
        String binaryId = topic + "-0-62";
        String tooLargeId = topic + "-0-83";
        assertThat(MskLambda.ids(sent)).contains(tombstoneId, oversizedId, binaryId, tooLargeId).hasSize(104);
        Options options = Options.forTopics(kafka.bootstrapServers(), topic).withConsumerGroupId("msk-e2e-poison")
                .withBatchingWindow(Duration.ofMillis(300)).withMaximumRetryAttempts(2);

        List<MskBatch> invoked = new ArrayList<>();
        MskEventPoller.Stats stats;
        List<MskBatch> onFailure;
        List<DeadLetter> deadLetters;
        try (MskLambda lambda = new MskLambda(MskLambda.sinkConfig(node, stream));
             MskEventPoller esm = MskEventPoller.start(options)) {
            stats = esm.drain(batch -> {
                invoked.add(batch);
                lambda.invoke(batch);
            }, IDLE, DRAIN_TIMEOUT);
            onFailure = esm.onFailureDestination();
            deadLetters = List.copyOf(lambda.deadLetters);
        }

        // The tombstone: one dead letter with its reason; the invocation succeeded, so its batch was committed.
        assertThat(deadLetters).singleElement().satisfies(d -> {
            assertThat(d.eventId()).isEqualTo(tombstoneId);
            assertThat(d.stage()).isEqualTo(Stage.DECODE);
            assertThat(d.kind()).isEqualTo(FailureKind.MALFORMED_EVENT);
            assertThat(d.reason()).contains("no value");
            assertThat(d.source().topic()).isEqualTo(topic);
            assertThat(d.source().offset()).isEqualTo(20);
            assertThat(d.original()).contains("\"offset\":20").contains("\"value\":null");
        });
        MskBatch withTombstone = invoked.stream().filter(b -> b.recordIds().contains(tombstoneId)).findFirst().orElseThrow();
        assertThat(withTombstone.attempt()).isEqualTo(1);
        assertThat(withTombstone.size()).as("the tombstone shared its batch with good records").isGreaterThan(40);
        List<String> ids = MskLambda.eventIds(node, stream);
        assertThat(ids).doesNotHaveDuplicates();
        Set<String> indexed = new HashSet<>(ids);
        assertThat(withTombstone.recordIds().stream().filter(id -> !id.equals(tombstoneId)))
                .as("the rest of the tombstone's batch is indexed").allMatch(indexed::contains);

        // An oversized record that fits the invocation payload is not poison to the processor: it is indexed once,
        // its message truncated to Limits.maxMessageChars and tagged (MskEventDecoder's per-record size check
        // compares against maxEventBytes, which a record inside an accepted event can never exceed).
        JsonNode big = MskLambda.document(node, stream, oversizedId);
        assertThat(big.at("/message").asText()).hasSizeLessThan(40_000).contains("[truncated ");
        assertThat(big.at("/tags").toString()).contains("truncated");
        // Binary garbage / invalid UTF-8 decodes with U+FFFD and control characters stripped: indexed, not dead.
        assertThat(MskLambda.document(node, stream, binaryId).at("/message").asText()).contains("bin");

        // A record whose event alone exceeds the 6 MB invocation payload never reaches the function: the
        // mapping fails it, retries (2 here) and sends it to the on-failure destination; the partition goes on.
        assertThat(onFailure).singleElement().satisfies(b -> assertThat(b.recordIds()).containsExactly(tooLargeId));
        assertThat(invoked).noneMatch(b -> b.recordIds().contains(tooLargeId));
        assertThat(stats.failed()).isEqualTo(3);
        assertThat(stats.batchesDiscarded()).isEqualTo(1);
        assertThat(groupOffsets("msk-e2e-poison")).containsEntry(topic + "-0", 104L);

        Set<String> expected = new HashSet<>(MskLambda.ids(sent));
        expected.remove(tombstoneId);
        expected.remove(tooLargeId);
        assertThat(indexed).isEqualTo(expected);
        assertThat(MskLambda.count(node, stream)).isEqualTo(102);
    }
}
