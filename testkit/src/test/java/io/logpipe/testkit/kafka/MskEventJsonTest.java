package io.logpipe.testkit.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpipe.testkit.fixtures.MskEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MskEventJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConsumerRecord<byte[], byte[]> record(String topic, int partition, long offset, TimestampType type,
                                                         String key, byte[] value, RecordHeader... headers) {
        return new ConsumerRecord<>(topic, partition, offset, 1_710_238_532_000L + offset, type, -1, -1,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, new RecordHeaders(headers),
                Optional.empty());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void should_write_the_record_fields_in_the_esm_order_when_key_value_and_headers_are_set() {
        String json = MskEventJson.record(record("app-logs", 3, 15, TimestampType.CREATE_TIME, "orders:1",
                utf8("hello"), new RecordHeader("origin", utf8("é"))));

        assertThat(json).isEqualTo("{\"topic\":\"app-logs\",\"partition\":3,\"offset\":15,\"timestamp\":1710238532015,"
                + "\"timestampType\":\"CREATE_TIME\",\"key\":\"b3JkZXJzOjE=\",\"value\":\"aGVsbG8=\","
                + "\"headers\":[{\"origin\":[-61,-87]}]}");
    }

    @Test
    void should_leave_out_key_and_value_when_they_are_null_as_for_a_tombstone() {
        JsonNode json = parse(MskEventJson.record(record("t", 0, 1, TimestampType.LOG_APPEND_TIME, null, null)));

        assertThat(json.has("key")).isFalse();
        assertThat(json.has("value")).isFalse();
        assertThat(json.path("timestampType").asText()).isEqualTo("LOG_APPEND_TIME");
        assertThat(json.path("headers").isArray()).isTrue();
        assertThat(json.path("headers")).isEmpty();
    }

    @Test
    void should_keep_repeated_header_names_apart_and_write_a_null_header_value_as_null() {
        JsonNode headers = parse(MskEventJson.record(record("t", 0, 1, TimestampType.CREATE_TIME, null, utf8("v"),
                new RecordHeader("hop", utf8("a")), new RecordHeader("hop", utf8("b")), new RecordHeader("empty", null))))
                .path("headers");

        assertThat(headers).hasSize(3);
        assertThat(headers.get(0).path("hop").get(0).asInt()).isEqualTo('a');
        assertThat(headers.get(1).path("hop").get(0).asInt()).isEqualTo('b');
        assertThat(headers.get(2).path("empty").isNull()).isTrue();
    }

    @Test
    void should_match_the_testkit_fixture_byte_for_byte_when_records_are_the_same() {
        List<ConsumerRecord<byte[], byte[]>> records = List.of(
                record("app-logs", 0, 15, TimestampType.CREATE_TIME, "k", utf8("{\"msg\":\"a\"}"),
                        new RecordHeader("traceparent", utf8("00-ab-cd-01"))),
                record("text-logs", 2, 7, TimestampType.CREATE_TIME, null, utf8("plain line")),
                record("app-logs", 0, 16, TimestampType.CREATE_TIME, "k2", utf8("second")));
        MskEventJson.Builder builder = new MskEventJson.Builder(MskEvents.DEFAULT_EVENT_SOURCE_ARN, "127.0.0.1:9092");
        MskEvents fixture = MskEvents.batch().bootstrapServers("127.0.0.1:9092");
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String fragment = MskEventJson.record(r);
            builder.add(r.topic() + "-" + r.partition(), fragment, MskEventJson.utf8Length(fragment));
            Map<String, byte[]> headers = new LinkedHashMap<>();
            r.headers().forEach(h -> headers.put(h.key(), h.value()));
            fixture.record(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), headers);
        }

        assertThat(builder.build()).isEqualTo(fixture.toLambdaEvent());
        assertThat(parse(builder.build()).path("records").fieldNames()).toIterable()
                .containsExactly("app-logs-0", "text-logs-2");
    }

    @Test
    void should_know_the_exact_utf8_size_before_building_when_names_and_headers_are_not_ascii() {
        MskEventJson.Builder builder = new MskEventJson.Builder("arn:aws:kafka:eu-west-1:1:cluster/ü/x", "b-1:9098");
        assertThat(builder.bytes()).isEqualTo(MskEventJson.bytes(builder.build()).length);
        String[] partitions = {"logs-0", "logs-1", "logs-0", "naïve\"topic-2", "logs-1"};
        for (int i = 0; i < partitions.length; i++) {
            String tp = partitions[i];
            int split = tp.lastIndexOf('-');
            String fragment = MskEventJson.record(record(tp.substring(0, split), Integer.parseInt(tp.substring(split + 1)), i,
                    TimestampType.CREATE_TIME, "ключ", utf8("värde 😀 " + i), new RecordHeader("名前", utf8("値"))));
            int expected = builder.bytesWith(tp, MskEventJson.utf8Length(fragment));
            builder.add(tp, fragment, MskEventJson.utf8Length(fragment));

            assertThat(builder.bytes()).isEqualTo(expected).isEqualTo(MskEventJson.bytes(builder.build()).length);
        }
        assertThat(builder.records()).isEqualTo(5);
        assertThat(MskEventJson.utf8Length("a😀é€")).isEqualTo("a😀é€".getBytes(StandardCharsets.UTF_8).length);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }
}
