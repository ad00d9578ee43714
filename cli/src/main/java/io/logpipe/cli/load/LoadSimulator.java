package io.logpipe.cli.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Posts {@code events} realistic application events to the ingestion API from {@code concurrency} virtual threads,
 * each sending its next request as soon as the previous one was answered, and measures what came back. Bounded
 * in count ({@code --events}) and time ({@code --duration}: no request starts after it). HTTP/1.1 with keep-alive:
 * one connection per worker.
 */
public final class LoadSimulator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ACTIONS = {"login", "view_product", "add_to_cart", "checkout", "logout", "search"};
    private static final String[] LEVELS = {"info", "info", "info", "info", "warn", "error"};

    private final LoadOptions options;
    private final Consumer<String> acceptedIds;
    private final String runId = UUID.randomUUID().toString();

    public LoadSimulator(LoadOptions options) {
        this(options, null);
    }

    /** {@code acceptedIds} receives every id the API returned with a 202 (from many threads). */
    public LoadSimulator(LoadOptions options, Consumer<String> acceptedIds) {
        this.options = options;
        this.acceptedIds = acceptedIds;
    }

    /** The {@code run_id} every event of this run carries, to find them downstream. */
    public String runId() {
        return runId;
    }

    public LoadReport run() throws InterruptedException {
        URI target = options.target();
        AtomicInteger next = new AtomicInteger();
        LongAdder sent = new LongAdder();
        LongAdder accepted = new LongAdder();
        Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
        Map<String, LongAdder> notAccepted = new ConcurrentHashMap<>();
        long[][] latencies = new long[options.concurrency()][];
        int[] counts = new int[options.concurrency()];
        long start = System.nanoTime();
        long stopAt = start + options.duration().toNanos();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
             // The client's own async work on virtual threads too, not a cached pool of platform threads.
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(workers)
                     .connectTimeout(Duration.ofSeconds(5)).build()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < options.concurrency(); w++) {
                int worker = w;
                latencies[w] = new long[64];
                futures.add(workers.submit(() -> {
                    while (System.nanoTime() < stopAt) {
                        int first = next.getAndAdd(options.batchSize());
                        if (first >= options.events()) {
                            return null;
                        }
                        int n = Math.min(options.batchSize(), options.events() - first);
                        HttpRequest request = HttpRequest.newBuilder(target).timeout(options.timeout())
                                .header("Content-Type", options.endpoint() == LoadOptions.Endpoint.V1_LOGS
                                        ? "application/x-ndjson" : "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body(first, n))).build();
                        sent.add(n);
                        long t0 = System.nanoTime();
                        String status;
                        int ok = 0;
                        try {
                            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                            status = String.valueOf(r.statusCode());
                            if (r.statusCode() == 202) {
                                ok = acceptedCount(r.body());
                            }
                        } catch (IOException e) {
                            status = "io_error";
                        }
                        long took = System.nanoTime() - t0;
                        if (counts[worker] == latencies[worker].length) {
                            latencies[worker] = Arrays.copyOf(latencies[worker], counts[worker] * 2);
                        }
                        latencies[worker][counts[worker]++] = took;
                        accepted.add(ok);
                        byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
                        if (ok < n) {
                            notAccepted.computeIfAbsent(status, k -> new LongAdder()).add(n - ok);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a load worker failed: " + e.getCause(), e.getCause());
                }
            }
        }
        long elapsed = System.nanoTime() - start;
        long notSent = options.events() - sent.sum();
        if (notSent > 0) {
            notAccepted.computeIfAbsent("not_sent", k -> new LongAdder()).add(notSent);
        }
        long[] all = merge(latencies, counts);
        return new LoadReport(options.target().toString(), options.concurrency(), options.batchSize(), options.events(),
                sent.sum(), accepted.sum(), all.length, sums(byStatus), sums(notAccepted), elapsed,
                percentile(all, 50), percentile(all, 95), percentile(all, 99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    /** NDJSON (or one object) of {@code n} events numbered from {@code first}: a user's session of actions. */
    String body(int first, int n) {
        StringBuilder b = new StringBuilder(n * 160);
        for (int i = first; i < first + n; i++) {
            if (i > first) {
                b.append('\n');
            }
            b.append("{\"event\":\"").append(ACTIONS[i % ACTIONS.length])
                    .append("\",\"user_id\":").append(1 + (i * 7919L) % 5_000)
                    .append(",\"level\":\"").append(LEVELS[i % LEVELS.length])
                    .append("\",\"message\":\"").append(ACTIONS[i % ACTIONS.length]).append(" by user ").append(1 + (i * 7919L) % 5_000)
                    .append("\",\"latency_ms\":").append(5 + (i * 31L) % 400)
                    .append(",\"run_id\":\"").append(runId).append("\",\"seq\":").append(i).append('}');
        }
        return b.toString();
    }

    private int acceptedCount(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (acceptedIds != null) {
                n.path("ids").forEach(id -> acceptedIds.accept(id.asText()));
            }
            return n.path("accepted").asInt(0);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long[] merge(long[][] parts, int[] counts) {
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            System.arraycopy(parts[i], 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        return all;
    }

    /** Nearest-rank percentile of sorted nanoseconds, in milliseconds. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    private static Map<String, Long> sums(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
