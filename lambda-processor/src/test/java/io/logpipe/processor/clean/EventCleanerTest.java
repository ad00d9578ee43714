package io.logpipe.processor.clean;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.TestPipeline;
import io.logpipe.testkit.fixtures.MskEvents;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The clean stage through the pipeline: @timestamp choice and format, and bounds on size. */
class EventCleanerTest {
    private static final String ISO_UTC_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    private final TestPipeline pipeline = new TestPipeline();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ISO with Z|{\"time\":\"2024-03-12T10:14:59.250Z\",\"msg\":\"m\"}|2024-03-12T10:14:59.250Z",
        "ISO with offset|{\"time\":\"2024-03-12T05:44:59.250-04:30\",\"msg\":\"m\"}|2024-03-12T10:14:59.250Z",
        "ISO without offset is UTC|{\"time\":\"2024-03-12T10:14:59.250\",\"msg\":\"m\"}|2024-03-12T10:14:59.250Z",
        "ISO microseconds truncated|{\"time\":\"2024-03-12T10:14:59.250999Z\",\"msg\":\"m\"}|2024-03-12T10:14:59.250Z",
        "log4j comma millis|2024-03-12 10:14:59,250 INFO  [main] c.a.Orders - started|2024-03-12T10:14:59.250Z",
        "nginx CLF|10.0.3.17 - - [12/Mar/2024:11:14:59 +0100] \"GET /health HTTP/1.1\" 200 2|2024-03-12T10:14:59.000Z",
        "epoch seconds|{\"ts\":1710238499,\"msg\":\"m\"}|2024-03-12T10:14:59.000Z",
        "epoch millis|{\"ts\":1710238499250,\"msg\":\"m\"}|2024-03-12T10:14:59.250Z",
        "epoch micros|{\"ts\":1710238499250999,\"msg\":\"m\"}|2024-03-12T10:14:59.250Z",
        "epoch nanos|{\"ts\":1710238499250999999,\"msg\":\"m\"}|2024-03-12T10:14:59.250Z",
        "epoch seconds as text|time=1710238499 level=info msg=m|2024-03-12T10:14:59.000Z"})
    void should_take_the_time_from_the_message_when_it_is_plausible(String form, String line, String expected) {
        JsonNode doc = pipeline.line(line).single();

        assertThat(doc.at("/@timestamp").asText()).isEqualTo(expected);
        assertThat(doc.has("tags")).isFalse();
    }

    @Test
    void should_use_the_cloudwatch_time_when_the_message_has_none() {
        JsonNode doc = pipeline.line("Order 88231 handed to fulfilment queue").single();

        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.000Z");
    }

    @Test
    void should_use_the_kafka_record_time_when_the_message_has_none() {
        String event = MskEvents.batch().record("text-logs", 1, 77, 1710238599321L, null,
                "Order 88231 handed to fulfilment queue".getBytes(StandardCharsets.UTF_8), null).toLambdaEvent();

        JsonNode doc = pipeline.kafka(event).single();

        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:16:39.321Z");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "year 3000 in text|3000-01-01T00:00:00Z INFO scheduled job far in the future",
        "year 9999 in JSON|{\"timestamp\":\"9999-12-31T23:59:59.999Z\",\"level\":\"INFO\",\"message\":\"m\"}",
        "two days ahead|{\"timestamp\":\"2024-03-14T10:15:32Z\",\"message\":\"clock skew\"}",
        "epoch millis in year 3000|{\"timestamp\":32503680000000,\"level\":\"INFO\",\"message\":\"m\"}",
        "ancient|{\"timestamp\":\"1999-12-31T23:59:59Z\",\"message\":\"y2k\"}",
        "epoch zero|{\"ts\":0,\"message\":\"unset clock\"}"})
    void should_fall_back_to_the_transport_time_and_tag_when_the_message_time_is_implausible(String form, String line) {
        JsonNode doc = pipeline.line(line).single();

        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.000Z");
        assertThat(doc.at("/tags").toString()).contains("\"timestamp_out_of_range\"");
    }

    @Test
    void should_accept_a_time_hours_ahead_when_it_is_within_the_future_window() {
        JsonNode doc = pipeline.line("{\"timestamp\":\"2024-03-12T20:15:32Z\",\"message\":\"clock a bit ahead\"}").single();

        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T20:15:32.000Z");
        assertThat(doc.has("tags")).isFalse();
    }

    @Test
    void should_always_write_iso_utc_with_millis_when_any_time_form_was_read() {
        TestPipeline.Run run = pipeline.lines("/app/orders/prod",
                "{\"time\":\"2024-03-12T12:15:32+02:00\",\"msg\":\"offset, no fraction\"}",
                "{\"time\":\"2024-03-12 10:15:32 UTC\",\"msg\":\"UTC suffix\"}",
                "{\"ts\":1710238532.1,\"msg\":\"one fraction digit\"}",
                "plain text without a time");

        assertThat(run.documents()).hasSize(4).allSatisfy(doc -> {
            assertThat(doc.at("/@timestamp").asText()).matches(ISO_UTC_MILLIS);
            assertThat(doc.at("/event/created").asText()).matches(ISO_UTC_MILLIS);
        });
        assertThat(run.document(0).at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.000Z");
        assertThat(run.document(1).at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.000Z");
        assertThat(run.document(2).at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.100Z");
    }

    @Test
    void should_truncate_with_a_marker_and_tag_when_the_message_exceeds_the_limit() {
        TestPipeline small = TestPipeline.withEnv(Map.of("LOGPIPE_MAX_MESSAGE_CHARS", "1000"));
        String line = "payload dump: " + "0123456789abcdef".repeat(300);

        JsonNode doc = small.line(line).single();

        String message = doc.at("/message").asText();
        assertThat(message).startsWith(line.substring(0, 1000))
                .endsWith("…[truncated " + (line.length() - 1000) + " chars]");
        assertThat(message.length()).isLessThan(1100);
        assertThat(doc.at("/tags").toString()).contains("\"truncated\"");
    }

    @Test
    void should_truncate_long_attribute_values_when_a_json_record_carries_them() {
        TestPipeline small = TestPipeline.withEnv(Map.of("LOGPIPE_MAX_ATTRIBUTE_CHARS", "1000"));
        String body = "x".repeat(5000);

        JsonNode doc = small.line("{\"level\":\"debug\",\"message\":\"request body\",\"request\":{\"body\":\"" + body + "\"}}")
                .single();

        assertThat(doc.at("/message").asText()).isEqualTo("request body");
        assertThat(doc.at("/attributes/request/body").asText()).hasSizeLessThan(1100).contains("…[truncated 4000 chars]");
        assertThat(doc.at("/tags").toString()).contains("\"truncated\"");
    }

    @Test
    void should_keep_attribute_values_under_opensearchs_term_limit_when_the_message_itself_is_short_enough() {
        String body = "é".repeat(20_000);                    // 40,000 UTF-8 bytes: one flat_object term would be rejected

        JsonNode doc = pipeline.line("{\"message\":\"upload\",\"body\":\"" + body + "\"}").single();

        String kept = doc.at("/attributes/body").asText();
        assertThat(kept).startsWith("éé").endsWith("…[truncated " + (20_000 - 8_192) + " chars]");
        assertThat(kept.getBytes(StandardCharsets.UTF_8).length).isLessThan(32_766);
        assertThat(doc.at("/message").asText()).isEqualTo("upload");
    }

    @Test
    void should_not_truncate_or_tag_when_the_message_is_at_the_limit() {
        TestPipeline small = TestPipeline.withEnv(Map.of("LOGPIPE_MAX_MESSAGE_CHARS", "1000"));
        String line = "a".repeat(1000);

        JsonNode doc = small.line(line).single();

        assertThat(doc.at("/message").asText()).isEqualTo(line);
        assertThat(doc.has("tags")).isFalse();
    }

    @Test
    void should_keep_the_record_as_text_and_tag_it_when_json_is_nested_5000_deep() {
        String deep = "{\"a\":".repeat(5000) + "\"deep\"" + "}".repeat(5000);

        TestPipeline.Run run = pipeline.line(deep);

        JsonNode doc = run.single();
        assertThat(run.deadLetters()).isEmpty();
        assertThat(doc.at("/event/dataset").asText()).isEqualTo("text");
        assertThat(doc.at("/message").asText()).isEqualTo(deep);
        assertThat(doc.at("/tags").toString()).contains("\"json_limits_exceeded\"");
        assertThat(doc.has("attributes")).isFalse();
    }

    @Test
    void should_keep_the_record_as_text_and_tag_it_when_json_has_3000_fields() {
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 3000; i++) {
            wide.append(i == 0 ? "" : ",").append("\"field_").append(i).append("\":\"value ").append(i).append('"');
        }
        String line = wide.append('}').toString();

        TestPipeline.Run run = pipeline.line(line);

        JsonNode doc = run.single();
        assertThat(run.deadLetters()).isEmpty();
        assertThat(doc.at("/event/dataset").asText()).isEqualTo("text");
        assertThat(doc.at("/tags").toString()).contains("\"json_limits_exceeded\"");
        assertThat(doc.has("attributes")).isFalse();
        assertThat(doc.at("/message").asText()).startsWith("{\"field_0\":\"value 0\"");
    }
}
