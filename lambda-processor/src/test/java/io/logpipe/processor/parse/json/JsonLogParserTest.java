package io.logpipe.processor.parse.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON application lines from the common loggers, through the whole pipeline. */
class JsonLogParserTest {
    private static TestPipeline.Run loggers;
    private final TestPipeline pipeline = new TestPipeline();

    @BeforeAll
    static void runFixture() {
        loggers = new TestPipeline().cloudWatch(Fixtures.cloudWatchEvent("app/json-loggers.json"));
    }

    @Test
    void should_process_every_fixture_line_when_all_are_json() {
        assertThat(loggers.deadLetters()).isEmpty();
        assertThat(loggers.documents()).hasSize(12).allSatisfy(d ->
                assertThat(d.at("/event/dataset").asText()).isEqualTo("json"));
    }

    @Test
    void should_map_logback_encoder_fields_when_the_record_uses_logstash_names() {
        JsonNode doc = loggers.document(0);

        assertThat(doc.at("/message").asText()).isEqualTo("Inventory low for sku A-1001");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.123Z");
        assertThat(doc.at("/log/level").asText()).isEqualTo("WARN");
        assertThat(doc.at("/log/logger").asText()).isEqualTo("com.acme.orders.OrderService");
        assertThat(doc.at("/process/thread/name").asText()).isEqualTo("http-nio-8080-exec-3");
        assertThat(doc.at("/trace/id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(doc.at("/span/id").asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(doc.at("/user/id").asText()).isEqualTo("42");
        assertThat(doc.at("/attributes/sku").asText()).isEqualTo("A-1001");
        assertThat(doc.at("/attributes/remaining").isIntegralNumber()).isTrue();
        assertThat(doc.at("/attributes/remaining").asInt()).isEqualTo(3);
        assertThat(doc.at("/attributes").has("logger_name")).isFalse();
        assertThat(doc.at("/attributes").has("user_id")).isFalse();
    }

    @Test
    void should_prefer_the_records_service_env_and_host_when_the_log_group_names_another_service() {
        JsonNode doc = loggers.document(0);

        assertThat(doc.at("/service/name").asText()).isEqualTo("orders-api");
        assertThat(doc.at("/service/environment").asText()).isEqualTo("staging");
        assertThat(doc.at("/host/name").asText()).isEqualTo("ip-10-0-3-17");
        assertThat(loggers.document(5).at("/service/name").asText()).isEqualTo("orders");
    }

    @Test
    void should_map_pino_and_pino_http_fields_when_the_record_comes_from_pino() {
        JsonNode doc = loggers.document(1);

        assertThat(doc.at("/message").asText()).isEqualTo("request failed");
        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.456Z");
        assertThat(doc.at("/host/name").asText()).isEqualTo("ip-10-0-1-23");
        assertThat(doc.at("/http/request/method").asText()).isEqualTo("POST");
        assertThat(doc.at("/url/path").asText()).isEqualTo("/api/v1/orders");
        assertThat(doc.at("/url/query").asText()).isEqualTo("expand=items");
        assertThat(doc.at("/source/ip").asText()).isEqualTo("10.0.8.4");
        assertThat(doc.at("/user_agent/original").asText()).isEqualTo("okhttp/4.12.0");
        assertThat(doc.at("/http/response/status_code").asInt()).isEqualTo(502);
        assertThat(doc.at("/event/duration").asLong()).isEqualTo(1_043_000_000L);
        assertThat(doc.at("/attributes/pid").asInt()).isEqualTo(7);
        assertThat(doc.at("/attributes/req/id").asInt()).isEqualTo(17);
        assertThat(doc.at("/attributes/req/headers/host").asText()).isEqualTo("orders.internal");
        assertThat(doc.at("/attributes/req").has("method")).isFalse();
        assertThat(doc.at("/attributes").has("res")).isFalse();
        assertThat(doc.at("/error/type").asText()).isEqualTo("Error");
        assertThat(doc.at("/error/message").asText()).isEqualTo("upstream timed out");
        assertThat(doc.at("/error/stack_trace").asText())
                .startsWith("Error: upstream timed out\n    at Timeout._onTimeout (/app/src/client.js:41:19)");
    }

    @Test
    void should_read_severity_epoch_seconds_camel_case_ids_and_service_object_when_present() {
        JsonNode doc = loggers.document(2);

        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.500Z");
        assertThat(doc.at("/trace/id").asText()).isEqualTo("5c1f2a3b4d5e6f708192a3b4c5d6e7f8");
        assertThat(doc.at("/span/id").asText()).isEqualTo("a1b2c3d4e5f60718");
        assertThat(doc.at("/user/id").asText()).isEqualTo("u-1001");
        assertThat(doc.at("/service/name").asText()).isEqualTo("payments");
        assertThat(doc.at("/service/environment").asText()).isEqualTo("prod");
        assertThat(doc.has("attributes")).isFalse();
    }

    @Test
    void should_read_epoch_nanoseconds_when_the_time_field_is_a_19_digit_number() {
        JsonNode doc = loggers.document(3);

        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.123Z");
        assertThat(doc.at("/message").asText()).isEqualTo("cache warmed");
        assertThat(doc.at("/attributes/entries").asInt()).isEqualTo(5120);
    }

    @Test
    void should_take_the_root_of_an_xray_header_when_the_trace_id_is_one() {
        assertThat(loggers.document(4).at("/trace/id").asText()).isEqualTo("1-65f02c44-0b6a1c2d3e4f5a6b7c8d9e0f");
    }

    @Test
    void should_lift_user_id_out_of_a_user_object_when_it_has_other_keys() {
        JsonNode doc = loggers.document(5);

        assertThat(doc.at("/user/id").asText()).isEqualTo("1001");
        assertThat(doc.at("/attributes/user/plan").asText()).isEqualTo("pro");
        assertThat(doc.at("/attributes/user").has("id")).isFalse();
        assertThat(loggers.document(6).at("/user/id").asText()).isEqualTo("u-77");
    }

    @Test
    void should_set_event_action_and_user_id_when_the_record_is_an_audit_event() {
        JsonNode doc = loggers.document(7);

        assertThat(doc.at("/event/action").asText()).isEqualTo("login");
        assertThat(doc.at("/user/id").asText()).isEqualTo("42");
        assertThat(doc.at("/message").asText()).isEqualTo("{\"event\":\"login\",\"user_id\":42}");
        assertThat(doc.has("attributes")).isFalse();
    }

    @Test
    void should_fill_error_fields_when_the_record_has_an_error_object() {
        JsonNode doc = loggers.document(8);

        assertThat(doc.at("/message").asText()).isEqualTo("Order failed");
        assertThat(doc.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(doc.at("/error/message").asText()).isEqualTo("Order 1 is already closed");
        assertThat(doc.at("/error/stack_trace").asText()).startsWith("java.lang.IllegalStateException: Order 1")
                .contains("\n\tat com.acme.orders.web.OrderController.close(OrderController.java:87)");
        assertThat(doc.at("/error/fingerprint").asText()).matches("[0-9a-f]{16}");
        assertThat(doc.has("attributes")).isFalse();
    }

    @Test
    void should_derive_error_type_and_message_when_only_a_stack_trace_string_is_logged() {
        JsonNode doc = loggers.document(9);

        assertThat(doc.at("/message").asText()).isEqualTo("unexpected failure");
        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/error/type").asText()).isEqualTo("java.net.SocketTimeoutException");
        assertThat(doc.at("/error/message").asText()).isEqualTo("Read timed out");
        assertThat(doc.at("/error/stack_trace").asText()).startsWith("java.net.SocketTimeoutException: Read timed out\n\tat ");
    }

    @Test
    void should_map_a_nested_http_object_when_the_record_describes_a_request() {
        JsonNode doc = loggers.document(10);

        assertThat(doc.at("/http/request/method").asText()).isEqualTo("GET");
        assertThat(doc.at("/url/path").asText()).isEqualTo("/api/v1/orders/42");
        assertThat(doc.at("/url/query").asText()).isEqualTo("expand=items");
        assertThat(doc.at("/http/response/status_code").asInt()).isEqualTo(200);
        assertThat(doc.at("/event/duration").asLong()).isEqualTo(12_500_000L);
        assertThat(doc.has("attributes")).isFalse();
    }

    @Test
    void should_keep_unknown_keys_with_their_json_types_when_they_are_nested() {
        JsonNode doc = loggers.document(11);

        assertThat(doc.at("/log/level").asText()).isEqualTo("DEBUG");
        assertThat(doc.at("/attributes/cache/hits").asInt()).isEqualTo(10);
        assertThat(doc.at("/attributes/cache/regions/eu/hits").asInt()).isEqualTo(4);
        assertThat(doc.at("/attributes/labels").isArray()).isTrue();
        assertThat(doc.at("/attributes/labels/1").asText()).isEqualTo("canary");
        assertThat(doc.at("/attributes/ratio").asDouble()).isEqualTo(0.83);
        assertThat(doc.at("/attributes/enabled").isBoolean()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"10,TRACE", "20,DEBUG", "30,INFO", "40,WARN", "50,ERROR", "60,FATAL"})
    void should_map_pino_numeric_levels_when_level_is_a_number(int pino, String expected) {
        JsonNode doc = pipeline.line("{\"level\":" + pino + ",\"time\":1710238532000,\"msg\":\"tick\"}").single();

        assertThat(doc.at("/log/level").asText()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"level\":\"warning\",\"message\":\"m\"}|WARN|m",
        "{\"severity\":\"CRITICAL\",\"msg\":\"m\"}|FATAL|m",
        "{\"levelname\":\"ERROR\",\"message\":\"m\"}|ERROR|m",
        "{\"log.level\":\"debug\",\"message\":\"m\"}|DEBUG|m",
        "{\"lvl\":\"info\",\"msg\":\"m\"}|INFO|m",
        "{\"@message\":\"m\",\"level\":\"trace\"}|TRACE|m",
        "{\"LogLevel\":\"Warning\",\"Message\":\"m\"}|WARN|m",
        "{\"Level\":\"Information\",\"RenderedMessage\":\"m\"}|INFO|m",
        "{\"@l\":\"Fatal\",\"@m\":\"m\"}|FATAL|m"})
    void should_read_level_and_message_when_loggers_spell_them_differently(String line, String level, String message) {
        JsonNode doc = pipeline.line(line).single();

        assertThat(doc.at("/log/level").asText()).isEqualTo(level);
        assertThat(doc.at("/message").asText()).isEqualTo(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"timestamp\":\"2024-03-12T10:15:31.250Z\",\"msg\":\"m\"}|2024-03-12T10:15:31.250Z",
        "{\"time\":\"2024-03-12T12:15:31.250+02:00\",\"msg\":\"m\"}|2024-03-12T10:15:31.250Z",
        "{\"ts\":1710238531,\"msg\":\"m\"}|2024-03-12T10:15:31.000Z",
        "{\"ts\":1710238531.25,\"msg\":\"m\"}|2024-03-12T10:15:31.250Z",
        "{\"@timestamp\":1710238531250,\"msg\":\"m\"}|2024-03-12T10:15:31.250Z",
        "{\"time\":1710238531250000000,\"msg\":\"m\"}|2024-03-12T10:15:31.250Z",
        "{\"asctime\":\"2024-03-12 10:15:31,250\",\"msg\":\"m\"}|2024-03-12T10:15:31.250Z",
        "{\"datetime\":\"2024-03-12 10:15:31\",\"msg\":\"m\"}|2024-03-12T10:15:31.000Z",
        "{\"Timestamp\":\"2024-03-12T10:15:31.250+00:00\",\"Message\":\"m\"}|2024-03-12T10:15:31.250Z",
        "{\"@t\":\"2024-03-12T10:15:31.2500000Z\",\"@mt\":\"m\"}|2024-03-12T10:15:31.250Z",
        "{\"instant\":{\"epochSecond\":1710238531,\"nanoOfSecond\":250999999},\"message\":\"m\"}|2024-03-12T10:15:31.250Z"})
    void should_read_the_record_time_when_it_is_any_common_time_field(String line, String expected) {
        JsonNode doc = pipeline.line(line).single();

        assertThat(doc.at("/@timestamp").asText()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"message\":\"m\",\"trace_id\":\"abc123\"}|abc123",
        "{\"message\":\"m\",\"traceId\":\"abc123\"}|abc123",
        "{\"message\":\"m\",\"trace.id\":\"abc123\"}|abc123",
        "{\"message\":\"m\",\"X-Amzn-Trace-Id\":\"Root=1-65f02c44-0b6a1c2d3e4f5a6b7c8d9e0f;Sampled=1\"}|1-65f02c44-0b6a1c2d3e4f5a6b7c8d9e0f",
        "{\"Message\":\"m\",\"TraceId\":\"abc123\"}|abc123",
        "{\"@mt\":\"m\",\"@tr\":\"abc123\"}|abc123"})
    void should_read_the_trace_id_when_it_uses_any_common_spelling(String line, String expected) {
        assertThat(pipeline.line(line).single().at("/trace/id").asText()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"message\":\"m\",\"user_id\":7}|7",
        "{\"message\":\"m\",\"userId\":\"u-7\"}|u-7",
        "{\"message\":\"m\",\"user.id\":\"u-7\"}|u-7",
        "{\"message\":\"m\",\"user\":{\"id\":7}}|7"})
    void should_read_the_user_id_when_it_uses_any_common_spelling(String line, String expected) {
        JsonNode doc = pipeline.line(line).single();

        assertThat(doc.at("/user/id").asText()).isEqualTo(expected);
        assertThat(doc.has("attributes")).isFalse();
    }

    @Test
    void should_take_a_structlog_event_sentence_as_the_message_and_a_bare_event_name_as_the_action() {
        JsonNode structlog = pipeline.line("{\"event\": \"user logged in\", \"user_id\": 42, \"level\": \"info\","
                + " \"logger\": \"auth\", \"timestamp\": \"2024-03-12T10:15:31.250123Z\"}").single();
        JsonNode audit = pipeline.line("{\"event\":\"order.created\",\"message\":\"Order created\"}").single();
        JsonNode both = pipeline.line("{\"message\":\"Order created\",\"event\":\"order was created\"}").single();

        assertThat(structlog.at("/message").asText()).isEqualTo("user logged in");
        assertThat(structlog.at("/event").has("action")).isFalse();
        assertThat(structlog.at("/log/logger").asText()).isEqualTo("auth");
        assertThat(structlog.at("/user/id").asText()).isEqualTo("42");
        assertThat(audit.at("/event/action").asText()).isEqualTo("order.created");
        assertThat(audit.at("/message").asText()).isEqualTo("Order created");
        assertThat(both.at("/message").asText()).isEqualTo("Order created");
        assertThat(both.at("/attributes/event").asText()).isEqualTo("order was created");
    }

    @Test
    void should_ignore_a_log4j2_instant_that_is_not_a_plain_epoch_pair() {
        JsonNode doc = pipeline.line("{\"instant\":{\"epochSecond\":-5,\"nanoOfSecond\":0},\"message\":\"m\"}").single();

        assertThat(doc.at("/attributes/instant/epochSecond").asLong()).isEqualTo(-5);
    }

    /** Rust's tracing-subscriber JSON: the message inside "fields", the module as "target". */
    @Test
    void should_read_the_message_from_fields_and_the_target_as_logger_when_rust_tracing_wrote_the_record() {
        JsonNode doc = pipeline.line("{\"timestamp\":\"2024-03-12T10:15:31.250123Z\",\"level\":\"INFO\","
                + "\"fields\":{\"message\":\"listening\",\"addr\":\"0.0.0.0:8080\"},\"target\":\"orders::server\"}").single();
        JsonNode request = pipeline.line("{\"msg\":\"done\",\"target\":\"/api/orders?id=4\"}").single();

        assertThat(doc.at("/message").asText()).isEqualTo("listening");
        assertThat(doc.at("/log/logger").asText()).isEqualTo("orders::server");
        assertThat(doc.at("/attributes/fields/addr").asText()).isEqualTo("0.0.0.0:8080");
        assertThat(doc.has("url")).isFalse();
        assertThat(request.at("/url/path").asText()).isEqualTo("/api/orders");
        assertThat(request.at("/log").has("logger")).isFalse();
    }

    /** zap's "stacktrace" is a Go stack: functions and files, no exception class to call the error's type. */
    @Test
    void should_keep_a_go_stack_without_inventing_an_error_type() {
        JsonNode doc = pipeline.line("{\"level\":\"error\",\"msg\":\"query failed\",\"error\":\"timeout\","
                + "\"stacktrace\":\"main.query\\n\\t/app/db/db.go:88\\nmain.main\\n\\t/app/main.go:12\"}").single();

        assertThat(doc.at("/error/message").asText()).isEqualTo("timeout");
        assertThat(doc.at("/error/stack_trace").asText()).startsWith("main.query\n\t/app/db/db.go:88");
        assertThat(doc.at("/error").has("type")).isFalse();
        assertThat(doc.at("/error/fingerprint").asText()).hasSize(16);
    }

    /** Microsoft.Extensions.Logging's JSON console formatter, as an ASP.NET Core container writes it. */
    @Test
    void should_map_dotnet_json_console_fields_when_the_record_comes_from_microsoft_extensions_logging() {
        JsonNode doc = pipeline.line("{\"EventId\":0,\"LogLevel\":\"Error\",\"Category\":\"Orders.Api.OrdersController\","
                + "\"Message\":\"Order 42 failed\",\"Exception\":\"System.InvalidOperationException: Sequence contains "
                + "no elements\\n   at System.Linq.ThrowHelper.ThrowNoElementsException()\\n   at Orders.Api.OrdersController"
                + ".Get(Int32 id) in /src/OrdersController.cs:line 31\",\"State\":{\"Message\":\"Order 42 failed\","
                + "\"{OriginalFormat}\":\"Order {OrderId} failed\"}}").single();

        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/log/logger").asText()).isEqualTo("Orders.Api.OrdersController");
        assertThat(doc.at("/message").asText()).isEqualTo("Order 42 failed");
        assertThat(doc.at("/error/type").asText()).isEqualTo("System.InvalidOperationException");
        assertThat(doc.at("/error/message").asText()).isEqualTo("Sequence contains no elements");
        assertThat(doc.at("/error/stack_trace").asText()).contains("OrdersController.cs:line 31");
        assertThat(doc.at("/attributes/EventId").asInt()).isZero();
        assertThat(doc.at("/attributes/State/{OriginalFormat}").asText()).isEqualTo("Order {OrderId} failed");
    }

    /** Serilog's compact JSON (CLEF): a message template, properties beside it, no @l meaning Information. */
    @Test
    void should_map_serilog_compact_json_when_the_record_is_clef() {
        JsonNode doc = pipeline.line("{\"@t\":\"2024-03-12T10:15:31.2500000Z\",\"@mt\":\"Order {OrderId} failed\","
                + "\"@x\":\"System.TimeoutException: The operation has timed out.\\n   at Orders.Client.Send()\","
                + "\"@l\":\"Error\",\"OrderId\":42,\"SourceContext\":\"Orders.Api\",\"@sp\":\"00f067aa0ba902b7\"}")
                .single();
        JsonNode information = pipeline.line("{\"@t\":\"2024-03-12T10:15:32Z\",\"@mt\":\"Started\"}").single();

        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:31.250Z");
        assertThat(doc.at("/message").asText()).isEqualTo("Order {OrderId} failed");
        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/log/logger").asText()).isEqualTo("Orders.Api");
        assertThat(doc.at("/error/type").asText()).isEqualTo("System.TimeoutException");
        assertThat(doc.at("/span/id").asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(doc.at("/attributes/OrderId").asInt()).isEqualTo(42);
        assertThat(information.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(information.at("/message").asText()).isEqualTo("Started");
    }

    @Test
    void should_degrade_to_text_when_the_line_is_not_a_single_json_object() {
        JsonNode doc = pipeline.line("{\"level\":\"error\",\"message\":\"cut off").single();

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("text");
        assertThat(doc.at("/message").asText()).isEqualTo("{\"level\":\"error\",\"message\":\"cut off");
    }

    @Test
    void should_keep_an_object_message_as_structured_data_when_a_logger_logs_an_object() {
        String line = "{\"level\":\"info\",\"message\":{\"orderId\":88231,\"status\":\"paid\"}}";

        JsonNode doc = pipeline.line(line).single();

        assertThat(doc.at("/message").asText()).isEqualTo(line);
        assertThat(doc.at("/attributes/message/orderId").asInt()).isEqualTo(88231);
        assertThat(doc.at("/attributes/message/status").asText()).isEqualTo("paid");
    }

    @Test
    void should_keep_a_scalar_message_as_text_when_it_is_a_number() {
        assertThat(pipeline.line("{\"level\":\"info\",\"message\":42}").single().at("/message").asText()).isEqualTo("42");
    }
}
