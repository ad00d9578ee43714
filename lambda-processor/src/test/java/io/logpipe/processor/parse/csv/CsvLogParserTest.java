package io.logpipe.processor.parse.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.TestPipeline;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvLogParserTest {
    private static final String HEADER = CsvHeaders.SAMPLE_APP_HEADER;
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void should_map_columns_like_json_keys_when_a_line_fits_the_configured_header() {
        String line = "2024-03-12T10:15:31.123Z,WARNING,checkout-api,io.shop.Cart,checkout,\"Cart total, with tax, recomputed\","
                + "u-1042,sess_9f8e7d6c5b4a39281706f5e4d3c2b1a0,%s,POST,/api/cart?id=7,409,87".formatted(TRACE);

        JsonNode doc = new TestPipeline().lines("/ecs/other", HEADER, line).document(1);

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("csv");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:31.123Z");
        assertThat(doc.at("/log/level").asText()).isEqualTo("WARN");
        assertThat(doc.at("/service/name").asText()).isEqualTo("checkout-api");
        assertThat(doc.at("/message").asText()).isEqualTo("Cart total, with tax, recomputed");
        assertThat(doc.at("/log/logger").asText()).isEqualTo("io.shop.Cart");
        assertThat(doc.at("/event/action").asText()).isEqualTo("checkout");
        assertThat(doc.at("/user/id").asText()).isEqualTo("u-1042");
        assertThat(doc.at("/trace/id").asText()).isEqualTo(TRACE);
        assertThat(doc.at("/http/request/method").asText()).isEqualTo("POST");
        assertThat(doc.at("/url/path").asText()).isEqualTo("/api/cart");
        assertThat(doc.at("/http/response/status_code").asInt()).isEqualTo(409);
        assertThat(doc.at("/event/duration").asLong()).isEqualTo(87_000_000L);
        assertThat(doc.at("/attributes/session_token").asText()).isEqualTo("[REDACTED]");
        assertThat(doc.toString()).doesNotContain("sess_9f8e7d6c5b4a39281706f5e4d3c2b1a0");
    }

    @Test
    void should_index_the_header_line_as_a_tagged_event_when_it_is_delivered() {
        TestPipeline.Run run = new TestPipeline().lines("/ecs/orders", HEADER);

        JsonNode doc = run.single();
        assertThat(doc.at("/event/dataset").asText()).isEqualTo("csv");
        assertThat(doc.at("/tags").toString()).contains(CsvLogParser.TAG_HEADER);
        assertThat(doc.at("/message").asText()).isEqualTo(HEADER);
        assertThat(run.report().conserved()).isTrue();
    }

    @Test
    void should_put_the_stack_trace_in_error_fields_when_continuation_lines_follow_a_csv_line() {
        String line = "2024-03-12T10:15:31.000Z,ERROR,checkout-api,io.shop.Pay,payment,Payment failed,u-7,,%s,POST,/api/pay,502,1200"
                .formatted(TRACE);

        TestPipeline.Run run = new TestPipeline().lines("/ecs/checkout-api", line,
                "java.lang.IllegalStateException: gateway timeout",
                "\tat io.shop.Pay.charge(Pay.java:42)",
                "\tat io.shop.Checkout.run(Checkout.java:17)");

        JsonNode doc = run.single();
        assertThat(doc.at("/message").asText()).isEqualTo("Payment failed");
        assertThat(doc.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(doc.at("/error/message").asText()).isEqualTo("gateway timeout");
        assertThat(doc.at("/error/stack_trace").asText()).contains("\tat io.shop.Pay.charge(Pay.java:42)");
        assertThat(run.report().conserved()).isTrue();
    }

    @Test
    void should_leave_the_line_to_other_parsers_when_the_column_count_fits_no_header() {
        JsonNode doc = new TestPipeline().line("2024-03-12T10:15:31.123Z,INFO,only,four").single();

        assertThat(doc.at("/event/dataset").asText()).isNotEqualTo("csv");
        assertThat(doc.at("/message").asText()).contains("only,four");
    }

    @Test
    void should_leave_the_line_to_other_parsers_when_a_quote_is_unterminated() {
        String broken = "2024-03-12T10:15:31.123Z,INFO,svc,lg,ev,\"never closed,u,,t,GET,/,200,1";

        JsonNode doc = new TestPipeline().line(broken).single();

        assertThat(doc.at("/event/dataset").asText()).isNotEqualTo("csv");
    }

    @Test
    void should_read_configured_headers_when_LOGPIPE_CSV_HEADERS_is_set() {
        TestPipeline pipeline = TestPipeline.withEnv(Map.of("LOGPIPE_CSV_HEADERS", "time,severity,msg ;; ts,lvl,service,msg,user_id"));

        TestPipeline.Run run = pipeline.lines("/custom/app", "time,severity,msg", "2026-11-22 20:41:07,ERROR,disk full",
                "2024-03-12T10:15:30Z,DEBUG,billing,cache warm,u-9");

        assertThat(run.document(0).at("/tags").toString()).contains(CsvLogParser.TAG_HEADER);
        assertThat(run.document(1).at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(run.document(1).at("/message").asText()).isEqualTo("disk full");
        assertThat(run.document(2).at("/service/name").asText()).isEqualTo("billing");
        assertThat(run.document(2).at("/user/id").asText()).isEqualTo("u-9");
    }

    @Test
    void should_fail_fast_when_a_configured_header_is_unusable() {
        assertThatThrownBy(() -> CsvHeaders.fromEnv(Map.of("LOGPIPE_CSV_HEADERS", "a,a,b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unique");
        assertThatThrownBy(() -> CsvHeaders.of(java.util.List.of("only")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 to 64");
        assertThatThrownBy(() -> CsvHeaders.of(java.util.List.of("c,".repeat(70) + "z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_parse_no_csv_when_LOGPIPE_CSV_HEADERS_is_empty() {
        JsonNode doc = TestPipeline.withEnv(Map.of("LOGPIPE_CSV_HEADERS", "")).lines("/custom/app", HEADER).single();

        assertThat(doc.at("/event/dataset").asText()).isNotEqualTo("csv");
    }

    private static boolean parsesAsCsv(String text) {
        io.logpipe.processor.model.LogEvent e = new io.logpipe.processor.model.LogEvent(
                new io.logpipe.processor.model.RawLogRecord("1", 0, text, io.logpipe.processor.model.SourceContext.cloudWatch("o", "g", "s")));
        return new CsvLogParser(CsvHeaders.defaults(), 1000).parse(text, e);
    }

    @Test
    void should_match_the_header_or_a_data_line_whatever_follows_its_first_line() {
        String tail = "\n" + "  continuation text without commas ".repeat(10);
        String data = "2024-03-12T10:15:31.123Z,INFO,checkout-api,io.shop.Cart,checkout,ok,u-1,s,%s,GET,/a,200,5".formatted(TRACE);

        assertThat(parsesAsCsv(HEADER)).isTrue();
        assertThat(parsesAsCsv(HEADER + "\r")).isTrue();
        assertThat(parsesAsCsv(HEADER + "\r" + tail)).isTrue();
        assertThat(parsesAsCsv(HEADER + tail)).isTrue();
        assertThat(parsesAsCsv(data)).isTrue();
        assertThat(parsesAsCsv(data + "\r" + tail)).isTrue();
    }

    @Test
    void should_leave_long_lines_to_other_parsers_when_they_are_neither_the_header_nor_a_data_line() {
        assertThat(parsesAsCsv(HEADER + ",extra")).isFalse();
        assertThat(parsesAsCsv("x" + HEADER)).isFalse();
        assertThat(parsesAsCsv(HEADER + "x\r\nmore")).isFalse();
        assertThat(parsesAsCsv("2024-03-12T10:15:31.123Z INFO checkout-api a, b, c ".repeat(5))).isFalse();
        assertThat(parsesAsCsv("2024-03-12 10:15:31 INFO " + "x".repeat(200) + ",a,b")).isFalse();
    }
}
