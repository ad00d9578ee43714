package io.logpipe.testkit.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(KafkaExtension.class)
class KafkaBrokerIT {

    @Test
    void should_be_one_broker_per_jvm_on_loopback_when_injected(KafkaBroker kafka) throws Exception {
        assertThat(kafka).isSameAs(KafkaBroker.shared()).isSameAs(new KafkaExtension().broker());
        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
        assertThat(kafka.port()).isNotEqualTo(kafka.controllerPort());
        assertThat(kafka.admin().describeCluster().nodes().get()).singleElement()
                .satisfies(node -> {
                    assertThat(node.host()).isEqualTo("127.0.0.1");
                    assertThat(node.port()).isEqualTo(kafka.port());
                });
        assertThat(kafka.admin().describeCluster().clusterId().get()).isEqualTo(kafka.clusterId());
        assertThat(Files.isDirectory(kafka.directory())).isTrue();
    }

    @Test
    void should_create_a_topic_with_every_partition_led_when_asked(KafkaBroker kafka) throws Exception {
        kafka.createTopic("broker-it-six", 6);

        var description = kafka.admin().describeTopics(List.of("broker-it-six")).allTopicNames().get().get("broker-it-six");
        assertThat(description.partitions()).hasSize(6)
                .allSatisfy(p -> assertThat(p.leader().port()).isEqualTo(kafka.port()));
        assertThatThrownBy(() -> kafka.createTopic("broker-it-six", 6)).hasMessageContaining("already exists");
    }

    @Test
    void should_round_trip_keys_values_headers_and_nulls_when_produced_and_consumed(KafkaBroker kafka) throws Exception {
        kafka.createTopic("broker-it-roundtrip", 2);
        List<RecordMetadata> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = kafka.newProducer()) {
            ProducerRecord<byte[], byte[]> withHeader = new ProducerRecord<>("broker-it-roundtrip", 0, 1_710_238_532_000L,
                    "k1".getBytes(StandardCharsets.UTF_8), "hello".getBytes(StandardCharsets.UTF_8),
                    List.of(new RecordHeader("traceparent", "00-ab-cd-01".getBytes(StandardCharsets.UTF_8))));
            sent.add(producer.send(withHeader).get());
            sent.add(producer.send(new ProducerRecord<>("broker-it-roundtrip", 1, null, null)).get());
        }
        assertThat(sent).extracting(RecordMetadata::offset).containsExactly(0L, 0L);

        List<ConsumerRecord<byte[], byte[]>> received = consumeAll(kafka, "broker-it-roundtrip", 2);

        ConsumerRecord<byte[], byte[]> first = received.stream().filter(r -> r.partition() == 0).findFirst().orElseThrow();
        assertThat(first.value()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
        assertThat(first.timestamp()).isEqualTo(1_710_238_532_000L);
        assertThat(first.headers().lastHeader("traceparent").value()).asString(StandardCharsets.UTF_8).isEqualTo("00-ab-cd-01");
        ConsumerRecord<byte[], byte[]> tombstone = received.stream().filter(r -> r.partition() == 1).findFirst().orElseThrow();
        assertThat(tombstone.key()).isNull();
        assertThat(tombstone.value()).isNull();
    }

    @Test
    void should_take_large_records_when_the_topic_allows_them(KafkaBroker kafka) throws Exception {
        kafka.createTopic("broker-it-large", 1, Map.of("max.message.bytes", String.valueOf(4 << 20)));
        byte[] value = new byte[3 << 20];
        try (KafkaProducer<byte[], byte[]> producer = kafka.newProducer(Map.of("max.request.size", 8 << 20))) {
            producer.send(new ProducerRecord<>("broker-it-large", value)).get();
        }

        assertThat(consumeAll(kafka, "broker-it-large", 1)).singleElement()
                .satisfies(r -> assertThat(r.value()).hasSize(3 << 20));
    }

    @Test
    void should_reject_producing_to_a_missing_topic_since_topics_are_not_auto_created(KafkaBroker kafka) {
        try (KafkaProducer<byte[], byte[]> producer = kafka.newProducer(Map.of("max.block.ms", 1_500))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("broker-it-missing", new byte[1])).get())
                    .isInstanceOfAny(ExecutionException.class, org.apache.kafka.common.errors.TimeoutException.class);
        }
        assertThat(kafka.admin().listTopics().names()).succeedsWithin(Duration.ofSeconds(10))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.collection(String.class))
                .doesNotContain("broker-it-missing");
    }

    @Test
    void should_stop_and_delete_its_directory_when_a_dedicated_broker_is_closed() {
        KafkaBroker own = KafkaBroker.start(Map.of("message.max.bytes", "2000000"));
        var dir = own.directory();
        try {
            own.createTopic("dedicated", 1);
            assertThat(own.port()).isNotEqualTo(KafkaBroker.shared().port());
        } finally {
            own.close();
        }
        assertThat(own.isRunning()).isFalse();
        assertThat(Files.exists(dir)).isFalse();
        assertThatThrownBy(() -> own.createTopic("after-close", 1)).hasMessageContaining("closed");
    }

    private static List<ConsumerRecord<byte[], byte[]>> consumeAll(KafkaBroker kafka, String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        assertThat(out).hasSize(expected);
        assertThat(Set.copyOf(out.stream().map(ConsumerRecord::topic).toList())).containsExactly(topic);
        return out;
    }
}
