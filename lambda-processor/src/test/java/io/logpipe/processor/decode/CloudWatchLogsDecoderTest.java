package io.logpipe.processor.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.config.Limits;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.FailureKind;
import io.logpipe.processor.model.Stage;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import io.logpipe.testkit.fixtures.CloudWatchEvents;
import io.logpipe.testkit.fixtures.GzipBomb;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CloudWatchLogsDecoderTest {
    private final TestPipeline pipeline = new TestPipeline();

    @Test
    void should_keep_ids_times_and_origin_when_payload_is_a_valid_data_message() {
        TestPipeline.Run run = pipeline.cloudWatch(Fixtures.cloudWatchEvent("cloudwatch/orders-ecs-payload.json"));

        assertThat(run.deadLetters()).isEmpty();
        assertThat(run.report().eventsIn()).isEqualTo(3);
        assertThat(run.report().documents()).isEqualTo(3);
        assertThat(run.documents()).extracting(d -> d.at("/event/id").asText()).containsExactly(
                "38134985129271287417628465236532348901325811394578432000",
                "38134985129316888363925426391654792186307519286812278785",
                "38134985129361489310222387546777235471289213179046125570");
        assertThat(run.documents()).extracting(d -> d.at("/event/created").asText())
                .containsExactly("2024-03-12T10:15:32.123Z", "2024-03-12T10:15:32.125Z", "2024-03-12T10:15:32.127Z");
        for (JsonNode doc : run.documents()) {
            assertThat(doc.at("/aws/cloudwatch/log_group").asText()).isEqualTo("/ecs/orders");
            assertThat(doc.at("/aws/cloudwatch/log_stream").asText())
                    .isEqualTo("orders/orders-api/5f1c4b2a9d8e4c7fb1a2c3d4e5f60718");
            assertThat(doc.at("/cloud/account/id").asText()).isEqualTo("123456789012");
            assertThat(doc.at("/cloud/provider").asText()).isEqualTo("aws");
        }
        // the message's own time wins over the ingestion time when plausible; without one, ingestion time is used
        assertThat(run.document(0).at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.101Z");
        assertThat(run.document(2).at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.127Z");
        assertThat(run.document(2).at("/message").asText()).isEqualTo("Order 88231 handed to fulfilment queue");
    }

    @Test
    void should_yield_no_documents_and_no_dead_letters_when_payload_is_a_control_message() {
        TestPipeline.Run run = pipeline.cloudWatch(Fixtures.cloudWatchEvent("cloudwatch/control-message.json"));

        assertThat(run.report().control()).isTrue();
        assertThat(run.documents()).isEmpty();
        assertThat(run.deadLetters()).isEmpty();
        assertThat(run.report().conserved()).isTrue();
    }

    static Stream<Arguments> undecodablePayloads() {
        byte[] valid = CloudWatchEvents.payload("/ecs/orders", "orders/orders-api/1").event(1710238532000L, "first")
                .event(1710238532001L, "second").build();
        byte[] gzip = CloudWatchEvents.gzip(valid);
        return Stream.of(
                Arguments.of("bad base64", CloudWatchEvents.lambdaEventFromData("H4sI%%%not*base64!!"),
                        FailureKind.BAD_BASE64, "base64"),
                Arguments.of("truncated gzip", CloudWatchEvents.lambdaEventFromData(
                        CloudWatchEvents.base64(Arrays.copyOf(gzip, gzip.length / 2))), FailureKind.BAD_GZIP, "truncated"),
                Arguments.of("not gzip", CloudWatchEvents.lambdaEventFromData(CloudWatchEvents.base64(valid)),
                        FailureKind.BAD_GZIP, "gzip"),
                Arguments.of("gzip of text", CloudWatchEvents.lambdaEventFromRawPayload(
                        "ERROR this is not json at all\n".getBytes(StandardCharsets.UTF_8)),
                        FailureKind.MALFORMED_PAYLOAD, "JSON"),
                Arguments.of("JSON that is not a subscription payload", CloudWatchEvents.lambdaEventFromRawPayload(
                        "{\"Records\":[{\"eventSource\":\"aws:s3\",\"s3\":{\"bucket\":{\"name\":\"logs\"}}}]}"
                                .getBytes(StandardCharsets.UTF_8)), FailureKind.MALFORMED_PAYLOAD, "DATA_MESSAGE"),
                Arguments.of("JSON array payload", CloudWatchEvents.lambdaEventFromRawPayload(
                        "[{\"id\":\"1\",\"timestamp\":1,\"message\":\"x\"}]".getBytes(StandardCharsets.UTF_8)),
                        FailureKind.MALFORMED_PAYLOAD, "object"),
                Arguments.of("Lambda event is not JSON", "awslogs=H4sIAAAAAAAA", FailureKind.MALFORMED_ENVELOPE, "JSON"),
                Arguments.of("awslogs without data", "{\"awslogs\":{}}", FailureKind.MALFORMED_ENVELOPE, "awslogs.data"),
                Arguments.of("EventBridge event", "{\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\"}",
                        FailureKind.MALFORMED_ENVELOPE, "awslogs.data"));
    }

    /** The data string is found from the event's end when it closes the event, and by reading it otherwise. */
    @Test
    void should_decode_the_data_string_wherever_it_stands_and_however_it_is_spelled() {
        byte[] payload = CloudWatchEvents.payload("/ecs/orders", "orders/orders-api/1").event(1710238532000L, "first")
                .event(1710238532001L, "second").build();
        String data = CloudWatchEvents.base64(CloudWatchEvents.gzip(payload));
        List<String> events = List.of(
                "{\"awslogs\":{\"data\":\"" + data + "\"}}",
                "{\"awslogs\":{\"data\":\"" + data + "\"}}\n",
                "{ \"awslogs\" : { \"data\" : \"" + data + "\" } }\r\n",
                "{\"awslogs\":{\"data\":\"" + data + "\",\"note\":\"x\"}}",         // data is not last
                "{\"awslogs\":{\"data\":\"" + data + "\"},\"source\":\"test\"}",
                "{\"awslogs\":{\"data\":\"" + data.replace("/", "\\/") + "\"}}",     // escaped slashes
                "{\"awslogs\":{\"data\":\"" + data + "\"},\"a\":\"}}\"}");

        for (String event : events) {
            TestPipeline.Run run = pipeline.cloudWatch(event);

            assertThat(run.deadLetters()).as(event).isEmpty();
            assertThat(run.documents()).as(event).extracting(d -> d.path("message").asText())
                    .containsExactly("first", "second");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("undecodablePayloads")
    void should_dead_letter_the_whole_payload_once_when_it_cannot_be_opened(String name, String lambdaEvent,
                                                                         FailureKind kind, String reasonMentions) {
        TestPipeline.Run run = pipeline.cloudWatch(lambdaEvent);

        DeadLetter dead = run.singleDeadLetter();
        assertThat(dead.kind()).isEqualTo(kind);
        assertThat(dead.stage()).isEqualTo(Stage.DECODE);
        assertThat(dead.reason()).isNotBlank().containsIgnoringCase(reasonMentions);
        assertThat(dead.original()).isEqualTo(lambdaEvent);
        assertThat(dead.eventId()).isNull();
        assertThat(dead.events()).isZero();
        assertThat(run.documents()).isEmpty();
        assertThat(run.report().payloadsDeadLettered()).isEqualTo(1);
        assertThat(run.report().eventsIn()).isZero();
        assertThat(run.report().conserved()).isTrue();
    }

    @Test
    void should_refuse_a_gzip_bomb_with_decompression_limit_when_it_inflates_past_the_configured_size() {
        String bomb = CloudWatchEvents.lambdaEventFromData(CloudWatchEvents.base64(GzipBomb.zeros(GzipBomb.ONE_GIB)));

        TestPipeline.Run run = pipeline.cloudWatch(bomb);

        DeadLetter dead = run.singleDeadLetter();
        assertThat(dead.kind()).isEqualTo(FailureKind.DECOMPRESSION_LIMIT);
        assertThat(dead.reason()).contains(Integer.toString(Limits.defaults().maxDecompressedBytes()));
        assertThat(run.documents()).isEmpty();
    }

    @Test
    void should_never_grow_the_inflate_buffer_beyond_the_limit_when_refusing_a_bomb() throws Exception {
        int limit = 1 << 20;
        BoundedGunzip gunzip = new BoundedGunzip(limit);

        DecodeException refused = org.junit.jupiter.api.Assertions.assertThrows(DecodeException.class,
                () -> gunzip.inflate(GzipBomb.zeros(64L << 20)));

        assertThat(refused.kind()).isEqualTo(FailureKind.DECOMPRESSION_LIMIT);
        assertThat(gunzip.buffer().length).isLessThanOrEqualTo(limit + 32); // 32 spare bytes for word-wise match copies
    }

    @Test
    void should_refuse_a_payload_when_the_limit_is_smaller_than_the_initial_buffer() {
        int limit = 64 * 1024;
        BoundedGunzip gunzip = new BoundedGunzip(limit);

        DecodeException refused = org.junit.jupiter.api.Assertions.assertThrows(DecodeException.class,
                () -> gunzip.inflate(GzipBomb.zeros(200 * 1024)));

        assertThat(refused.kind()).isEqualTo(FailureKind.DECOMPRESSION_LIMIT);
        assertThat(gunzip.buffer().length).isLessThanOrEqualTo(limit + 32); // 32 spare bytes for word-wise match copies
    }

    @Test
    void should_accept_a_payload_of_exactly_the_limit_when_it_inflates_to_the_limit() throws Exception {
        BoundedGunzip gunzip = new BoundedGunzip(300 * 1024);

        int length = gunzip.inflate(GzipBomb.zeros(300 * 1024));

        assertThat(length).isEqualTo(300 * 1024);
    }

    @Test
    void should_dead_letter_only_the_malformed_events_when_siblings_are_well_formed() {
        TestPipeline.Run run = pipeline.cloudWatch(Fixtures.cloudWatchEvent("cloudwatch/malformed-events.json"));

        assertThat(run.report().eventsIn()).isEqualTo(8);
        assertThat(run.documents()).extracting(d -> d.at("/message").asText())
                .containsExactly("Started Application in 4.2 seconds", "Health check passed");
        assertThat(run.deadLetters()).hasSize(6).allSatisfy(d -> {
            assertThat(d.kind()).isEqualTo(FailureKind.MALFORMED_EVENT);
            assertThat(d.stage()).isEqualTo(Stage.DECODE);
            assertThat(d.events()).isEqualTo(1);
            assertThat(d.source().logGroup()).isEqualTo("/app/orders/prod");
            assertThat(d.reason()).isNotBlank();
            assertThat(d.original()).isNotBlank();
        });
        assertThat(run.deadLetters()).extracting(DeadLetter::eventId).containsExactly(
                "38134985129271287417628465236532348901325811394578432001",
                "38134985129271287417628465236532348901325811394578432002",
                "38134985129271287417628465236532348901325811394578432003",
                "38134985129271287417628465236532348901325811394578432004",
                "38134985129271287417628465236532348901325811394578432005",
                "38134985129271287417628465236532348901325811394578432006");
        List<String> reasons = run.deadLetters().stream().map(DeadLetter::reason).toList();
        assertThat(reasons.get(0)).contains("no message");
        assertThat(reasons.get(1)).contains("'message'").contains("wrong type");
        assertThat(reasons.get(2)).contains("'message'");
        assertThat(reasons.get(3)).contains("'timestamp'");
        assertThat(reasons.get(4)).contains("'timestamp'");
        assertThat(reasons.get(5)).contains("timestamp");
        assertThat(run.deadLetters().get(1).original()).contains("12345");
        assertThat(run.deadLetters().get(2).original()).contains("object instead of text");
        assertThat(run.deadLetters().get(3).original()).contains("timestamp is a string");
        assertThat(run.report().eventsDeadLettered()).isEqualTo(6);
        assertThat(run.report().payloadsDeadLettered()).isZero();
        assertThat(run.report().conserved()).isTrue();
    }

    @Test
    void should_decode_leniently_with_replacement_characters_when_payload_holds_invalid_utf8() {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(ascii("{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789012\",\"logGroup\":\"/app/orders/prod\","
                + "\"logStream\":\"i-0a1b2c3d4e5f60718/orders.log\",\"subscriptionFilters\":[\"app\"],\"logEvents\":["
                + "{\"id\":\"1\",\"timestamp\":1710238532000,\"message\":\"latin-1 customer caf"));
        payload.write(0xE9);
        payload.writeBytes(ascii(" ordered\"},{\"id\":\"2\",\"timestamp\":1710238532001,\"message\":\"truncated euro "));
        payload.write(0xE2);
        payload.write(0x82);
        payload.writeBytes(ascii("\"},{\"id\":\"3\",\"timestamp\":1710238532002,\"message\":\"clean event\"}]}"));

        TestPipeline.Run run = pipeline.cloudWatch(CloudWatchEvents.lambdaEventFromRawPayload(payload.toByteArray()));

        assertThat(run.deadLetters()).isEmpty();
        assertThat(run.documents()).extracting(d -> d.at("/message").asText()).containsExactly(
                "latin-1 customer caf\uFFFD ordered", "truncated euro \uFFFD", "clean event");
    }

    @Test
    void should_remove_the_trailing_newline_when_the_runtime_appended_one() {
        TestPipeline.Run run = pipeline.lines("/aws/lambda/orders-prod-handler", "END RequestId: 6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\n",
                "Windows line\r\n");

        assertThat(run.documents()).extracting(d -> d.at("/message").asText())
                .containsExactly("END RequestId: 6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "Windows line");
    }

    @Test
    void should_strip_escapes_and_control_characters_when_messages_carry_them() {
        TestPipeline.Run run = pipeline.lines("/ecs/orders",
                "\u001b[32mINFO\u001b[0m Payment accepted for order 42",
                "NUL\u0000 BEL\u0007 DEL\u007f end",
                "valid pair \ud83d\ude00 here");

        assertThat(run.documents()).extracting(d -> d.at("/message").asText()).containsExactly(
                "INFO Payment accepted for order 42", "NUL BEL DEL end", "valid pair \ud83d\ude00 here");
        assertThat(run.document(0).at("/log/level").asText()).isEqualTo("INFO");
    }

    @Test
    void should_replace_lone_surrogates_when_they_arrive_as_json_escapes() {
        String lambdaEvent = CloudWatchEvents.payload("/ecs/orders", "s")
                .rawEvent("{\"id\":\"1\",\"timestamp\":1710238532000,\"message\":\"lone high \\ud800 here\"}")
                .rawEvent("{\"id\":\"3\",\"timestamp\":1710238532002,\"message\":\"lone low \\udc00 here\"}")
                .rawEvent("{\"id\":\"2\",\"timestamp\":1710238532001,\"message\":\"reversed \\udc00\\ud800 pair\"}")
                .toLambdaEvent();

        TestPipeline.Run run = pipeline.cloudWatch(lambdaEvent);

        assertThat(run.documents()).extracting(d -> d.at("/message").asText())
                .containsExactly("lone high \uFFFD here", "lone low \uFFFD here", "reversed \uFFFD\uFFFD pair");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
