package io.logpipe.cli.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;

/**
 * What a load run measured. Latencies are per request (send to full response), in milliseconds.
 *
 * @param eventsRequested  {@code --events}
 * @param eventsSent       events in requests that were sent (less when {@code --duration} ran out)
 * @param eventsAccepted   events answered 202 (the API's {@code accepted} count)
 * @param requests         requests sent
 * @param requestsByStatus requests per HTTP status; {@code io_error} for no answer (connection refused, timeout)
 * @param eventsNotAccepted events not accepted, per status ({@code not_sent} for those never sent)
 * @param elapsedNanos     from the first request's start to the last response
 */
public record LoadReport(String target, int concurrency, int batchSize, long eventsRequested, long eventsSent,
                         long eventsAccepted, long requests, Map<String, Long> requestsByStatus,
                         Map<String, Long> eventsNotAccepted, long elapsedNanos, double p50Ms, double p95Ms,
                         double p99Ms, double maxMs) {

    public boolean allAccepted() {
        return eventsAccepted == eventsRequested;
    }

    public double elapsedSeconds() {
        return elapsedNanos / 1e9;
    }

    public double eventsPerSecond() {
        return elapsedNanos == 0 ? 0 : eventsAccepted / elapsedSeconds();
    }

    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "target       %s (concurrency %d, %d event(s) per request)%n", target, concurrency, batchSize));
        b.append(String.format(Locale.ROOT, "events       %,d requested, %,d sent, %,d accepted%n", eventsRequested, eventsSent, eventsAccepted));
        b.append(String.format(Locale.ROOT, "elapsed      %.3f s%n", elapsedSeconds()));
        b.append(String.format(Locale.ROOT, "throughput   %,.0f events/s accepted, %,.0f requests/s%n", eventsPerSecond(),
                elapsedNanos == 0 ? 0 : requests / elapsedSeconds()));
        b.append(String.format(Locale.ROOT, "latency      p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", p50Ms, p95Ms, p99Ms, maxMs));
        b.append("requests     ").append(requests);
        requestsByStatus.forEach((status, n) -> b.append(", ").append(status).append(": ").append(n));
        b.append(System.lineSeparator());
        b.append("errors       ").append(eventsNotAccepted.isEmpty() ? "none" : "events not accepted " + eventsNotAccepted)
                .append(System.lineSeparator());
        return b.toString();
    }

    public String toJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode o = json.createObjectNode();
        o.put("target", target);
        o.put("concurrency", concurrency);
        o.put("batch_size", batchSize);
        o.put("events_requested", eventsRequested);
        o.put("events_sent", eventsSent);
        o.put("events_accepted", eventsAccepted);
        o.put("all_accepted", allAccepted());
        o.put("requests", requests);
        requestsByStatus.forEach(o.putObject("requests_by_status")::put);
        ObjectNode errors = o.putObject("events_not_accepted");
        eventsNotAccepted.forEach(errors::put);
        o.put("elapsed_seconds", round(elapsedSeconds()));
        o.put("events_per_second", round(eventsPerSecond()));
        ObjectNode latency = o.putObject("latency_ms");
        latency.put("p50", round(p50Ms));
        latency.put("p95", round(p95Ms));
        latency.put("p99", round(p99Ms));
        latency.put("max", round(maxMs));
        return o.toString();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
