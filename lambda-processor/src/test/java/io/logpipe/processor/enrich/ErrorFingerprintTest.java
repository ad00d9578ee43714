package io.logpipe.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.TestPipeline;
import java.util.List;
import org.junit.jupiter.api.Test;

/** error.fingerprint groups the same error across ids, numbers and line numbers, and only those. */
class ErrorFingerprintTest {
    private final TestPipeline pipeline = new TestPipeline();

    private static List<String> javaTrace(String header, String exception, String... frames) {
        List<String> lines = new java.util.ArrayList<>(List.of(header, exception));
        for (String frame : frames) {
            lines.add("\tat " + frame);
        }
        return lines;
    }

    private String fingerprint(List<String> lines) {
        JsonNode doc = pipeline.lines("/app/orders/prod", "i-0a1b2c3d4e5f60718/orders.log", lines).single();
        String fingerprint = doc.at("/error/fingerprint").asText();
        assertThat(fingerprint).matches("[0-9a-f]{16}");
        return fingerprint;
    }

    @Test
    void should_give_equal_fingerprints_when_errors_differ_only_in_numbers_ids_and_line_numbers() {
        String first = fingerprint(javaTrace(
                "2024-03-12 10:15:32,118 ERROR [http-nio-8080-exec-7] c.a.o.OrderService - Order 88231 could not be closed",
                "java.lang.IllegalStateException: Order 88231 is already closed (request 6f1d2c3b-8a7e-4f60-9b1c-2d3e4f5a6b7c)",
                "com.acme.orders.service.OrderService.close(OrderService.java:214)",
                "com.acme.orders.web.OrderController.close(OrderController.java:87)"));
        String second = fingerprint(javaTrace(
                "2024-03-12 10:15:40,902 ERROR [http-nio-8080-exec-31] c.a.o.OrderService - Order 102 could not be closed",
                "java.lang.IllegalStateException: Order 102 is already closed (request 0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e)",
                "com.acme.orders.service.OrderService.close(OrderService.java:219)",
                "com.acme.orders.web.OrderController.close(OrderController.java:91)"));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void should_give_different_fingerprints_when_the_exception_types_differ() {
        String illegalState = fingerprint(javaTrace("2024-03-12 10:15:32,118 ERROR [main] c.a.Orders - failed",
                "java.lang.IllegalStateException: Order 1 is already closed",
                "com.acme.orders.service.OrderService.close(OrderService.java:214)"));
        String illegalArgument = fingerprint(javaTrace("2024-03-12 10:15:32,118 ERROR [main] c.a.Orders - failed",
                "java.lang.IllegalArgumentException: Order 1 is already closed",
                "com.acme.orders.service.OrderService.close(OrderService.java:214)"));

        assertThat(illegalArgument).isNotEqualTo(illegalState);
    }

    @Test
    void should_give_different_fingerprints_when_the_top_frames_differ() {
        String close = fingerprint(javaTrace("2024-03-12 10:15:32,118 ERROR [main] c.a.Orders - failed",
                "java.lang.IllegalStateException: Order 1 is already closed",
                "com.acme.orders.service.OrderService.close(OrderService.java:214)"));
        String cancel = fingerprint(javaTrace("2024-03-12 10:15:32,118 ERROR [main] c.a.Orders - failed",
                "java.lang.IllegalStateException: Order 1 is already closed",
                "com.acme.orders.service.OrderService.cancel(OrderService.java:214)"));

        assertThat(cancel).isNotEqualTo(close);
    }

    @Test
    void should_give_different_fingerprints_when_the_messages_differ_in_words() {
        String closed = fingerprint(javaTrace("2024-03-12 10:15:32,118 ERROR [main] c.a.Orders - failed",
                "java.lang.IllegalStateException: Order 1 is already closed",
                "com.acme.orders.service.OrderService.close(OrderService.java:214)"));
        String missing = fingerprint(javaTrace("2024-03-12 10:15:32,118 ERROR [main] c.a.Orders - failed",
                "java.lang.IllegalStateException: Order 1 has no shipping address",
                "com.acme.orders.service.OrderService.close(OrderService.java:214)"));

        assertThat(missing).isNotEqualTo(closed);
    }

    @Test
    void should_group_python_tracebacks_when_only_line_numbers_and_values_differ() {
        String first = fingerprint(List.of("[2024-03-12 10:15:33,017] ERROR: Unhandled exception for order 88232",
                "Traceback (most recent call last):", "  File \"/app/payments/handlers.py\", line 57, in create_order",
                "    order = repo.save(payload)", "KeyError: 'customer_id'"));
        String second = fingerprint(List.of("[2024-03-12 10:16:03,410] ERROR: Unhandled exception for order 91",
                "Traceback (most recent call last):", "  File \"/app/payments/handlers.py\", line 61, in create_order",
                "    order = repo.save(payload)", "KeyError: 'customer_id'"));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void should_fingerprint_structured_errors_like_joined_traces_when_the_shape_matches() {
        JsonNode first = pipeline.line("{\"level\":\"error\",\"message\":\"charge failed\",\"error\":{\"type\":\"ProviderError\","
                + "\"message\":\"provider returned 502 for charge 7f3a9c2e7b1d4e5f\"}}").single();
        JsonNode second = pipeline.line("{\"level\":\"error\",\"message\":\"charge failed\",\"error\":{\"type\":\"ProviderError\","
                + "\"message\":\"provider returned 503 for charge 0a1b2c3d4e5f6a7b\"}}").single();

        assertThat(first.at("/error/fingerprint").asText()).isNotBlank()
                .isEqualTo(second.at("/error/fingerprint").asText());
    }

    @Test
    void should_not_fingerprint_when_the_event_has_no_error() {
        JsonNode doc = pipeline.line("ERROR Payment failed for order 42").single();

        assertThat(doc.has("error")).isFalse();
    }
}
