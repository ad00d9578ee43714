package io.logpipe.sample.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpipe.sample.LogLevel;
import io.logpipe.sample.OutputFormat;
import io.logpipe.sample.generate.SampleEvent;
import io.logpipe.sample.generate.SampleEvent.Http;
import io.logpipe.sample.generate.SampleEvent.Identity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventFormatterTest {
    private static final Instant TIME = Instant.parse("2026-11-22T20:41:07.123Z");
    private static final Identity ID = new Identity("u-1042", "sess_AbC123xYz", "4bf92f3577b34da6a3ce929d0e0e4736");
    private static final Http CHECKOUT = new Http("POST", "/api/checkout", 502, 3012, 87, "203.0.113.9", "curl/8.5.0",
            "https://shop.example.com/api/cart");
    private static final String TRACE = "java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)";
    private static final SampleEvent FAILURE = new SampleEvent(SampleEvent.Kind.APP, TIME, LogLevel.ERROR,
            "io.logpipe.sample.shop.CheckoutService", "checkout", "Checkout failed, payment \"declined\"", ID, CHECKOUT, TRACE);
    private static final SampleEvent JOB = new SampleEvent(SampleEvent.Kind.APP, TIME, LogLevel.WARNING,
            "io.logpipe.sample.shop.db.OrderRepository", "slow_query", "Slow query on orders took 1200 ms",
            new Identity(null, null, "0af7651916cd43dd8448eb211c80319c"), null, null);

    @Test
    void should_write_python_logging_layout_with_key_value_pairs_and_the_trace_below_when_format_is_text() {
        EventFormatter text = EventFormatter.of(OutputFormat.TEXT, "checkout-api");

        assertThat(text.header()).isNull();
        assertThat(text.format(FAILURE)).isEqualTo("[2026-11-22 20:41:07,123] ERROR: Checkout failed, payment \"declined\" "
                + "user_id=u-1042 session_token=sess_AbC123xYz trace_id=4bf92f3577b34da6a3ce929d0e0e4736 method=POST "
                + "path=/api/checkout status=502 duration_ms=3012\n" + TRACE);
        assertThat(text.format(JOB)).isEqualTo("[2026-11-22 20:41:07,123] WARNING: Slow query on orders took 1200 ms "
                + "trace_id=0af7651916cd43dd8448eb211c80319c");
    }

    @Test
    void should_write_a_header_and_rfc4180_records_with_the_trace_below_when_format_is_csv() {
        EventFormatter csv = EventFormatter.of(OutputFormat.CSV, "checkout-api");

        assertThat(csv.header()).isEqualTo("timestamp,level,service,logger,event,message,user_id,session_token,trace_id,"
                + "method,path,status,duration_ms");
        assertThat(csv.format(FAILURE)).isEqualTo("2026-11-22T20:41:07.123Z,ERROR,checkout-api,"
                + "io.logpipe.sample.shop.CheckoutService,checkout,\"Checkout failed, payment \"\"declined\"\"\",u-1042,"
                + "sess_AbC123xYz,4bf92f3577b34da6a3ce929d0e0e4736,POST,/api/checkout,502,3012\n" + TRACE);
        assertThat(csv.format(JOB)).isEqualTo("2026-11-22T20:41:07.123Z,WARNING,checkout-api,"
                + "io.logpipe.sample.shop.db.OrderRepository,slow_query,Slow query on orders took 1200 ms,,,"
                + "0af7651916cd43dd8448eb211c80319c,,,,");
    }

    @Test
    void should_write_one_json_object_with_the_trace_as_a_field_when_format_is_json() {
        EventFormatter json = EventFormatter.of(OutputFormat.JSON, "checkout-api");

        assertThat(json.header()).isNull();
        assertThat(json.format(FAILURE)).isEqualTo("{\"timestamp\":\"2026-11-22T20:41:07.123Z\",\"level\":\"ERROR\","
                + "\"service\":\"checkout-api\",\"logger\":\"io.logpipe.sample.shop.CheckoutService\",\"event\":\"checkout\","
                + "\"message\":\"Checkout failed, payment \\\"declined\\\"\",\"user_id\":\"u-1042\","
                + "\"session_token\":\"sess_AbC123xYz\",\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
                + "\"method\":\"POST\",\"path\":\"/api/checkout\",\"status\":502,\"duration_ms\":3012,"
                + "\"stack_trace\":\"java.lang.IllegalStateException: boom\\n\\tat a.B.c(B.java:1)\"}");
        assertThat(json.format(JOB)).doesNotContain("user_id", "session_token", "status");
    }

    @Test
    void should_write_access_events_in_combined_format_whatever_the_format() {
        SampleEvent access = new SampleEvent(SampleEvent.Kind.ACCESS, TIME, LogLevel.ERROR, "access", "checkout", null,
                new Identity("u-1042", null, ID.traceId()), CHECKOUT, null);
        String expected = "203.0.113.9 - u-1042 [22/Nov/2026:20:41:07 +0000] \"POST /api/checkout HTTP/1.1\" 502 87 "
                + "\"https://shop.example.com/api/cart\" \"curl/8.5.0\" 3.012 trace_id=4bf92f3577b34da6a3ce929d0e0e4736";

        for (OutputFormat format : OutputFormat.values()) {
            assertThat(EventFormatter.of(format, "checkout-api").format(access)).as(format.label()).isEqualTo(expected);
        }
    }
}
