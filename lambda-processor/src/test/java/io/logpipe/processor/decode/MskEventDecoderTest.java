package io.logpipe.processor.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.FailureKind;
import io.logpipe.processor.model.SourceKind;
import io.logpipe.processor.model.Stage;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import io.logpipe.testkit.fixtures.MskEvents;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MskEventDecoderTest {
    private final TestPipeline pipeline = new TestPipeline();

    @Test
    void should_index_good_records_and_dead_letter_poison_ones_when_a_batch_mixes_them() {
        TestPipeline.Run run = pipeline.kafka(Fixtures.text("msk/app-logs-batch.json"));

        assertThat(run.report().source()).isEqualTo(SourceKind.KAFKA);
        assertThat(run.report().eventsIn()).isEqualTo(5);
        assertThat(run.documents()).extracting(d -> d.at("/event/id").asText())
                .containsExactly("app-logs-0-15", "app-logs-0-18", "text-logs-3-7");
        assertThat(run.deadLetters()).extracting(DeadLetter::eventId).containsExactly("app-logs-0-16", "app-logs-0-17");
        DeadLetter badBase64 = run.deadLetters().get(0);
        assertThat(badBase64.kind()).isEqualTo(FailureKind.MALFORMED_EVENT);
        assertThat(badBase64.stage()).isEqualTo(Stage.DECODE);
        assertThat(badBase64.reason()).contains("base64");
        assertThat(badBase64.original()).isEqualTo("%%%this is not base64%%%");
        assertThat(badBase64.source().topic()).isEqualTo("app-logs");
        assertThat(badBase64.source().offset()).isEqualTo(16);
        DeadLetter noValue = run.deadLetters().get(1);
        assertThat(noValue.kind()).isEqualTo(FailureKind.MALFORMED_EVENT);
        assertThat(noValue.reason()).contains("no value");
        assertThat(noValue.original()).contains("\"offset\":17")
                .contains("\"key\":\"b3JkZXJzOjBiOWM4ZDdlLTZmNWEtNGIzYy05ZDJlLTFmMGE5YjhjN2Q2ZQ==\"");
        assertThat(run.report().eventsDeadLettered()).isEqualTo(2);
        assertThat(run.report().payloadsDeadLettered()).isZero();
        assertThat(run.report().conserved()).isTrue();
    }

    @Test
    void should_write_kafka_origin_key_and_headers_when_a_record_is_indexed() {
        JsonNode doc = pipeline.kafka(Fixtures.text("msk/app-logs-batch.json")).document(0);

        assertThat(doc.at("/kafka/topic").asText()).isEqualTo("app-logs");
        assertThat(doc.at("/kafka/partition").isInt()).isTrue();
        assertThat(doc.at("/kafka/partition").asInt()).isZero();
        assertThat(doc.at("/kafka/offset").asLong()).isEqualTo(15);
        assertThat(doc.at("/kafka/key").asText()).isEqualTo("orders:6f1d2c3b-8a7e-4f60-9b1c-2d3e4f5a6b7c");
        JsonNode headers = doc.at("/attributes/kafka_headers");
        assertThat(headers.at("/traceparent").asText())
                .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(headers.at("/content-type").asText()).isEqualTo("application/json");
        assertThat(headers.at("/origin").asText()).isEqualTo("café-eu");
        assertThat(doc.at("/event/created").asText()).isEqualTo("2024-03-12T10:15:32.000Z");
        assertThat(doc.has("aws")).isFalse();
    }

    @Test
    void should_parse_json_and_plain_text_values_when_records_are_base64() {
        TestPipeline.Run run = pipeline.kafka(Fixtures.text("msk/app-logs-batch.json"));

        JsonNode json = run.document(0);
        assertThat(json.at("/message").asText()).isEqualTo("Order 88231 created");
        assertThat(json.at("/log/logger").asText()).isEqualTo("com.acme.orders.OrderService");
        assertThat(json.at("/service/name").asText()).isEqualTo("orders");
        assertThat(json.at("/service/environment").asText()).isEqualTo("prod");
        assertThat(json.at("/trace/id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(json.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:31.950Z");
        JsonNode pino = run.document(1);
        assertThat(pino.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(pino.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.110Z");
        assertThat(pino.at("/kafka/key").isMissingNode()).isTrue();
        JsonNode text = run.document(2);
        assertThat(text.at("/message").asText()).isEqualTo("[WARN] Retrying downstream call for order 88231 from 10.0.3.17");
        assertThat(text.at("/log/level").asText()).isEqualTo("WARN");
        assertThat(text.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.200Z");
        assertThat(text.at("/kafka/partition").asInt()).isEqualTo(3);
    }

    @Test
    void should_dead_letter_the_record_when_its_value_is_json_null() {
        String event = "{\"eventSource\":\"aws:kafka\",\"records\":{\"app-logs-1\":["
                + "{\"topic\":\"app-logs\",\"partition\":1,\"offset\":40,\"timestamp\":1710238532000,\"value\":null,\"headers\":[]},"
                + "{\"topic\":\"app-logs\",\"partition\":1,\"offset\":41,\"timestamp\":1710238532001,\"value\":\"aGVsbG8=\",\"headers\":[]}]}}";

        TestPipeline.Run run = pipeline.kafka(event);

        assertThat(run.singleDeadLetter().eventId()).isEqualTo("app-logs-1-40");
        assertThat(run.singleDeadLetter().reason()).contains("no value");
        assertThat(run.singleDeadLetter().original()).as("the record as delivered, for replay")
                .contains("\"topic\":\"app-logs\"").contains("\"offset\":40").contains("\"value\":null");
        assertThat(run.single().at("/message").asText()).isEqualTo("hello");
        assertThat(run.report().conserved()).isTrue();
    }

    @Test
    void should_dead_letter_the_whole_event_when_it_is_not_a_kafka_event() {
        String event = "{\"eventSource\":\"aws:sqs\",\"Records\":[{\"body\":\"hello\"}]}";

        TestPipeline.Run run = pipeline.kafka(event);

        DeadLetter dead = run.singleDeadLetter();
        assertThat(dead.kind()).isEqualTo(FailureKind.MALFORMED_ENVELOPE);
        assertThat(dead.reason()).contains("not a Kafka event");
        assertThat(dead.original()).isEqualTo(event);
        assertThat(run.report().payloadsDeadLettered()).isEqualTo(1);
    }

    @Test
    void should_decode_headers_given_as_signed_bytes_when_built_by_the_testkit() {
        String event = MskEvents.batch().record("audit", 2, 9, 1710238532000L, null,
                "user 42 exported the invoice list".getBytes(StandardCharsets.UTF_8),
                Map.of("tenant", "zürich-ß".getBytes(StandardCharsets.UTF_8))).toLambdaEvent();

        JsonNode doc = pipeline.kafka(event).single();

        assertThat(doc.at("/attributes/kafka_headers/tenant").asText()).isEqualTo("zürich-ß");
        assertThat(doc.at("/event/id").asText()).isEqualTo("audit-2-9");
    }
}
