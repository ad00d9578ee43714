package io.logpipe.testkit.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in OpenSearch for proxy tests: records every request and answers {@code _bulk} with one item per action
 * line (201 {@code created}, or 409 for ids listed in {@link #conflictOn}); other paths get 200 (or the status in
 * the {@code X-Fake-Status} request header) and a small JSON echo.
 */
final class FakeUpstream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the upstream saw it; {@code body} is gunzipped when it was sent gzip-encoded. */
    record Recorded(String method, String path, String query, Map<String, List<String>> headers, byte[] rawBody,
                    byte[] body) {

        String header(String name) {
            List<String> v = headers.get(name);
            return v == null ? null : v.getFirst();
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The {@code _id}s of the bulk action lines, in order. */
        List<String> bulkIds() throws IOException {
            List<String> ids = new ArrayList<>();
            for (JsonNode action : actions(body)) {
                ids.add(action.elements().next().path("_id").asText());
            }
            return ids;
        }
    }

    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Set<String> conflicts = ConcurrentHashMap.newKeySet();

    private FakeUpstream(HttpServer server) {
        this.server = server;
    }

    static FakeUpstream start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        FakeUpstream fake = new FakeUpstream(server);
        server.createContext("/", fake::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return fake;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    Recorded last() {
        return requests.getLast();
    }

    /** Bulk items with this id are answered 409 (document already exists). */
    void conflictOn(String id) {
        conflicts.add(id);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] raw = ex.getRequestBody().readAllBytes();
            boolean gzip = "gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"));
            byte[] body = gzip ? gunzip(raw) : raw;
            String path = ex.getRequestURI().getRawPath();
            requests.add(new Recorded(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(),
                    new TreeMap<>(ex.getRequestHeaders()), raw, body));
            ex.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            ex.getResponseHeaders().add("X-Fake", "upstream");
            if (path.endsWith("/_bulk")) {
                reply(ex, 200, bulkResponse(body));
            } else {
                String status = ex.getRequestHeaders().getFirst("X-Fake-Status");
                reply(ex, status == null ? 200 : Integer.parseInt(status),
                        "{\"echo\":\"" + ex.getRequestMethod() + " " + path + "\"}");
            }
        }
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, ex.getRequestMethod().equals("HEAD") ? -1 : bytes.length);
        if (!ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseBody().write(bytes);
        }
    }

    private String bulkResponse(byte[] body) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("took", 7).put("errors", false);
        ArrayNode items = root.putArray("items");
        for (JsonNode action : actions(body)) {
            String op = action.fieldNames().next();
            String id = action.path(op).path("_id").asText();
            ObjectNode r = items.addObject().putObject(op)
                    .put("_index", action.path(op).path("_index").asText("app-logs")).put("_id", id);
            if (conflicts.contains(id)) {
                root.put("errors", true);
                r.put("status", 409).putObject("error").put("type", "version_conflict_engine_exception")
                        .put("reason", "[" + id + "]: version conflict, document already exists");
            } else {
                r.put("_version", 1).put("result", "created").put("status", 201);
            }
        }
        return root.toString();
    }

    /** Action lines of an NDJSON bulk body: every line but the source line after index/create/update. */
    static List<JsonNode> actions(byte[] body) throws IOException {
        List<JsonNode> actions = new ArrayList<>();
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode action = JSON.readTree(lines[i]);
            actions.add(action);
            if (!action.has("delete")) {
                i++;
            }
        }
        return actions;
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
