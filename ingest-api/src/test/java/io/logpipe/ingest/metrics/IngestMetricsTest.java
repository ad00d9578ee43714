package io.logpipe.ingest.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IngestMetricsTest {

    @Test
    void should_render_counters_and_a_cumulative_histogram_in_prometheus_text_format() {
        IngestMetrics m = new IngestMetrics();
        m.requestStarted();
        m.requestFinished("/register_event", 202);
        m.requestStarted();
        m.accepted(3);
        m.rejected("malformed", 1);
        m.publishLatency(2_000_000);      // 2 ms
        m.publishLatency(300_000_000);    // 300 ms

        String text = m.render();
        assertThat(text).contains("# TYPE ingest_http_requests_total counter")
                .contains("ingest_http_requests_total{path=\"/register_event\",status=\"202\"} 1")
                .contains("ingest_http_requests_in_flight 1")
                .contains("ingest_events_accepted_total 3")
                .contains("ingest_events_rejected_total{reason=\"malformed\"} 1")
                .contains("ingest_events_rejected_total{reason=\"kafka_unavailable\"} 0")
                .contains("ingest_publish_duration_seconds_bucket{le=\"0.001\"} 0")
                .contains("ingest_publish_duration_seconds_bucket{le=\"0.0025\"} 1")
                .contains("ingest_publish_duration_seconds_bucket{le=\"0.25\"} 1")
                .contains("ingest_publish_duration_seconds_bucket{le=\"0.5\"} 2")
                .contains("ingest_publish_duration_seconds_bucket{le=\"+Inf\"} 2")
                .contains("ingest_publish_duration_seconds_count 2");
    }
}
