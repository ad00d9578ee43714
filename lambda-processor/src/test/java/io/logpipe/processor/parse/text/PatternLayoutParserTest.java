package io.logpipe.processor.parse.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Timestamp-first pattern layouts: log4j, logback, Spring Boot and Python's "- name - LEVEL -". */
class PatternLayoutParserTest {
    private static TestPipeline.Run run;

    @BeforeAll
    static void runFixture() {
        run = new TestPipeline().lines("/app/orders/prod", "i-0a1b2c3d4e5f60718/orders.log",
                Fixtures.lines("app/pattern-layouts.txt"));
    }

    @Test
    void should_read_level_thread_logger_and_message_when_the_layout_is_log4j_default() {
        JsonNode doc = run.document(0);

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("pattern.layout");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.782Z");
        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/process/thread/name").asText()).isEqualTo("main");
        assertThat(doc.at("/log/logger").asText()).isEqualTo("com.acme.orders.OrderService");
        assertThat(doc.at("/message").asText()).isEqualTo("Order 88231 failed validation: missing shipping address");
    }

    @Test
    void should_read_the_thread_before_the_level_when_the_layout_is_logback_default() {
        JsonNode doc = run.document(1);

        assertThat(doc.at("/log/level").asText()).isEqualTo("WARN");
        assertThat(doc.at("/process/thread/name").asText()).isEqualTo("http-nio-8080-exec-4");
        assertThat(doc.at("/log/logger").asText()).isEqualTo("c.a.orders.web.OrderController");
        assertThat(doc.at("/message").asText()).isEqualTo("Slow request: 812 ms for GET /api/v1/orders");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.783Z");
    }

    @Test
    void should_skip_pid_and_dashes_when_the_layout_is_spring_boot_console() {
        JsonNode doc = run.document(2);

        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/process/thread/name").asText()).isEqualTo("nio-8080-exec-1");
        assertThat(doc.at("/log/logger").asText()).isEqualTo("c.a.o.service.OrderService");
        assertThat(doc.at("/message").asText()).isEqualTo("Unhandled exception processing request");
    }

    @Test
    void should_take_the_thread_from_the_second_bracket_when_spring_boot_3_prints_the_application_name() {
        JsonNode doc = run.document(3);

        assertThat(doc.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(doc.at("/process/thread/name").asText()).isEqualTo("main");
        assertThat(doc.at("/log/logger").asText()).isEqualTo("c.a.orders.OrdersApplication");
        assertThat(doc.at("/message").asText())
                .isEqualTo("Started OrdersApplication in 4.212 seconds (process running for 4.9)");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.785Z");
    }

    @Test
    void should_read_the_logger_before_the_level_when_the_layout_is_python_dash_separated() {
        JsonNode doc = run.document(4);

        assertThat(doc.at("/log/logger").asText()).isEqualTo("orders.worker");
        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/message").asText()).isEqualTo("Failed to publish event order.created to SNS");
    }

    @Test
    void should_read_debug_level_when_a_scheduled_job_logs() {
        JsonNode doc = run.document(5);

        assertThat(doc.at("/log/level").asText()).isEqualTo("DEBUG");
        assertThat(doc.at("/process/thread/name").asText()).isEqualTo("scheduling-1");
        assertThat(doc.at("/message").asText()).isEqualTo("Removed 12 expired carts");
    }

    @Test
    void should_take_the_whole_column_as_logger_when_spring_boot_abbreviates_a_tomcat_logger() {
        JsonNode doc = run.document(6);

        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/process/thread/name").asText()).isEqualTo("nio-8080-exec-3");
        assertThat(doc.at("/log/logger").asText()).isEqualTo("o.a.c.c.C.[.[.[/].[dispatcherServlet]");
        assertThat(doc.at("/message").asText()).isEqualTo(
                "Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception");
    }

    @Test
    void should_read_the_slashed_time_when_go_s_standard_logger_wrote_the_line() {
        JsonNode doc = run.document(7);

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("pattern.layout");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.789Z");
        assertThat(doc.at("/message").asText()).isEqualTo("main.go:42: listening on :8080");
    }

    @Test
    void should_read_the_target_as_logger_when_rust_tracing_wrote_the_line() {
        JsonNode doc = run.document(8);

        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/log/logger").asText()).isEqualTo("orders::db");
        assertThat(doc.at("/message").asText()).isEqualTo("query failed err=timeout");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.790Z");
    }

    @Test
    void should_not_take_a_word_with_a_colon_for_a_logger_after_the_level() {
        JsonNode doc = new TestPipeline().line("2024-03-12 10:15:32,791 ERROR Failed: could not reach db::primary").single();

        assertThat(doc.at("/log").has("logger")).isFalse();
        assertThat(doc.at("/message").asText()).isEqualTo("Failed: could not reach db::primary");
    }
}
