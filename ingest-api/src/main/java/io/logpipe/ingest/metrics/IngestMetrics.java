package io.logpipe.ingest.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The API's counters, rendered in the Prometheus text exposition format (version 0.0.4) by {@link #render()}.
 * Lock-free on the request path (adders); the names are constants here, next to the code that renders them.
 */
public final class IngestMetrics {
    public static final String REQUESTS = "ingest_http_requests_total";
    public static final String IN_FLIGHT = "ingest_http_requests_in_flight";
    public static final String ACCEPTED = "ingest_events_accepted_total";
    public static final String REJECTED = "ingest_events_rejected_total";
    public static final String PUBLISH_LATENCY = "ingest_publish_duration_seconds";
    /** Histogram bounds in seconds: sub-millisecond acks on a local broker up to the send timeout. */
    private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final LongAdder accepted = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder[] bucketCounts = new LongAdder[BUCKETS.length];
    private final LongAdder latencyCount = new LongAdder();
    private final LongAdder latencyNanos = new LongAdder();

    public IngestMetrics() {
        for (int i = 0; i < BUCKETS.length; i++) {
            bucketCounts[i] = new LongAdder();
        }
    }

    public void requestStarted() {
        inFlight.incrementAndGet();
    }

    /** {@code path} is one of the API's routes or {@code other}, so unknown paths cannot grow the label set. */
    public void requestFinished(String path, int status) {
        inFlight.decrementAndGet();
        requests.computeIfAbsent(path + "\u0000" + status, k -> new LongAdder()).increment();
    }

    public void accepted(int events) {
        accepted.add(events);
    }

    /** {@code reason}: malformed, too_large, unsupported_media_type, kafka_unavailable. */
    public void rejected(String reason, int events) {
        rejected.computeIfAbsent(reason, k -> new LongAdder()).add(events);
    }

    /** Time from the first {@code send} to the last acknowledgement (or failure) of one request. */
    public void publishLatency(long nanos) {
        double seconds = nanos / 1e9;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                bucketCounts[i].increment();
                break;
            }
        }
        latencyCount.increment();
        latencyNanos.add(nanos);
    }

    public long acceptedTotal() {
        return accepted.sum();
    }

    public String render() {
        StringBuilder out = new StringBuilder(2048);
        header(out, REQUESTS, "HTTP requests by path and status.", "counter");
        new TreeMap<>(requests).forEach((key, count) -> {
            int sep = key.indexOf('\u0000');
            out.append(REQUESTS).append("{path=\"").append(key, 0, sep).append("\",status=\"")
                    .append(key.substring(sep + 1)).append("\"} ").append(count.sum()).append('\n');
        });
        header(out, IN_FLIGHT, "HTTP requests being handled.", "gauge");
        out.append(IN_FLIGHT).append(' ').append(inFlight.get()).append('\n');
        header(out, ACCEPTED, "Events acknowledged by Kafka and answered 202.", "counter");
        out.append(ACCEPTED).append(' ').append(accepted.sum()).append('\n');
        header(out, REJECTED, "Events not accepted, by reason.", "counter");
        for (String reason : new String[]{"malformed", "too_large", "unsupported_media_type", "kafka_unavailable"}) {
            rejected.putIfAbsent(reason, new LongAdder());
        }
        new TreeMap<>(rejected).forEach((reason, count) ->
                out.append(REJECTED).append("{reason=\"").append(reason).append("\"} ").append(count.sum()).append('\n'));
        header(out, PUBLISH_LATENCY, "Time for Kafka to acknowledge all events of a request.", "histogram");
        long cumulative = 0;
        for (int i = 0; i < BUCKETS.length; i++) {
            cumulative += bucketCounts[i].sum();
            out.append(PUBLISH_LATENCY).append("_bucket{le=\"").append(format(BUCKETS[i])).append("\"} ")
                    .append(cumulative).append('\n');
        }
        long count = latencyCount.sum();
        out.append(PUBLISH_LATENCY).append("_bucket{le=\"+Inf\"} ").append(count).append('\n');
        out.append(PUBLISH_LATENCY).append("_sum ").append(format(latencyNanos.sum() / 1e9)).append('\n');
        out.append(PUBLISH_LATENCY).append("_count ").append(count).append('\n');
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
