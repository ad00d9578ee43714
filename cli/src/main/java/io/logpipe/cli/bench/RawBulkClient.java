package io.logpipe.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.NdjsonSink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The baseline the sink is compared with: {@code _bulk} bodies built before the clock starts, then only
 * gzip + POST with {@code java.net.http}, the sink's {@code filter_path}, and a check of {@code "errors":false}
 * (no per-item parsing, no retries).
 */
public final class RawBulkClient {
    /** The sink's response filter (OpenSearchBulkSender), so the node does the same work for both. */
    static final String FILTER_PATH = "errors,items.*.status,items.*.error.type,items.*.error.reason";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final byte[] NO_ERRORS = "\"errors\":false".getBytes(StandardCharsets.US_ASCII);

    /** One {@code _bulk} body (NDJSON, not yet compressed) and how many documents it creates. */
    public record Body(byte[] ndjson, int docs) {
    }

    /** What a run of {@link #send} moved: documents, bytes before and after gzip, and CPU time spent gzipping. */
    public record Sent(int docs, long bytes, long gzippedBytes, long gzipCpuNanos) {
    }

    private final HttpClient http;
    private final URI base;

    public RawBulkClient(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    /**
     * The bodies {@code OpenSearchSink} sends for these documents into {@code index}: a {@code create} action
     * and the document per item (written by {@link NdjsonSink}), split like {@code BulkBatcher}: a new body
     * when the next item would pass {@code maxBytes} or the body already holds {@code maxDocs}.
     */
    public static List<Body> bodies(List<LogEvent> documents, String index, int maxBytes, int maxDocs) {
        List<Body> bodies = new ArrayList<>();
        ByteArrayOutputStream item = new ByteArrayOutputStream(4096);
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(maxBytes, 1 << 20));
        NdjsonSink sink = new NdjsonSink(item, index);
        int docs = 0;
        for (LogEvent e : documents) {
            item.reset();
            if (sink.write(List.of(e), Deadline.none()).written() != 1) {
                throw new IllegalStateException("cannot serialise document " + e.raw.id());
            }
            if (docs > 0 && (body.size() + item.size() > maxBytes || docs >= maxDocs)) {
                bodies.add(new Body(body.toByteArray(), docs));
                body.reset();
                docs = 0;
            }
            body.writeBytes(item.toByteArray());
            docs++;
        }
        if (docs > 0) {
            bodies.add(new Body(body.toByteArray(), docs));
        }
        return bodies;
    }

    /** POSTs each body in turn to {@code /<index>/_bulk}; throws on any failed request or item. */
    public Sent send(String index, List<Body> bodies) throws IOException, InterruptedException {
        URI uri = base.resolve("/" + index + "/_bulk?filter_path=" + FILTER_PATH);
        int docs = 0;
        long bytes = 0;
        long gzipped = 0;
        long gzipCpuNanos = 0;
        for (Body body : bodies) {
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            byte[] gz = gzip(body.ndjson());
            gzipCpuNanos += THREADS.getCurrentThreadCpuTime() - cpu0;
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/x-ndjson")
                    .header("Content-Encoding", "gzip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(gz))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || !startsWith(response.body(), NO_ERRORS)) {
                String text = new String(response.body(), StandardCharsets.UTF_8);
                int error = Math.max(0, text.indexOf("\"error\""));   // the first failed item, if any
                throw new IllegalStateException("raw _bulk into " + index + " failed: HTTP " + response.statusCode()
                        + " " + text.substring(error, Math.min(text.length(), error + 500)));
            }
            docs += body.docs();
            bytes += body.ndjson().length;
            gzipped += gz.length;
        }
        return new Sent(docs, bytes, gzipped, gzipCpuNanos);
    }

    /**
     * Untimed: sends the bodies and returns the documents the node refused ({@code _id} -> status and reason),
     * so the timed runs can leave out documents the cluster can never store.
     */
    public Map<String, String> refused(String index, List<Body> bodies) throws IOException, InterruptedException {
        URI uri = base.resolve("/" + index + "/_bulk?filter_path=items.*._id,items.*.status,items.*.error.reason");
        Map<String, String> refused = new LinkedHashMap<>();
        for (Body body : bodies) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.ndjson())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("_bulk into " + index + ": HTTP " + response.statusCode());
            }
            for (JsonNode item : JSON.readTree(response.body()).path("items")) {
                JsonNode result = item.path("create");
                if (result.path("status").asInt() != 201) {
                    refused.put(result.path("_id").asText(), result.path("status").asInt() + " "
                            + result.path("error").path("reason").asText(""));
                }
            }
        }
        return refused;
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code {"errors":false,...}}: the response opens with the flag, so the first bytes decide. */
    private static boolean startsWith(byte[] response, byte[] flag) {
        int at = 0;
        while (at < response.length && (response[at] == '{' || Character.isWhitespace(response[at]))) {
            at++;
        }
        return java.util.Arrays.equals(response, at, Math.min(response.length, at + flag.length), flag, 0, flag.length);
    }
}
