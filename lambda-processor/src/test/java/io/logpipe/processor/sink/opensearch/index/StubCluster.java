package io.logpipe.processor.sink.opensearch.index;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A scripted HTTP stand-in for the cluster APIs the local node lacks (ISM, security): each
 * {@code METHOD /path?query} (parameters sorted by name) answers its queued replies in order, the last one repeating; anything
 * unscripted answers 404. Records every request with its (gunzipped) body.
 */
final class StubCluster implements AutoCloseable {
    record Request(String method, String target, String body) {
        String line() {
            return method + " " + target;
        }
    }

    private record Reply(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Reply>> script = new HashMap<>();
    private final List<Request> requests = new ArrayList<>();

    StubCluster() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized StubCluster on(String requestLine, int status, String body) {
        script.computeIfAbsent(requestLine, k -> new ArrayDeque<>()).add(new Reply(status, body));
        return this;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized Request only(String requestLine) {
        List<Request> matching = requests.stream().filter(r -> r.line().equals(requestLine)).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + requestLine + " but got " + requests);
        }
        return matching.getFirst();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        URI uri = exchange.getRequestURI();
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? ""
                : "?" + String.join("&", new java.util.TreeSet<>(List.of(uri.getRawQuery().split("&")))));
        Reply reply;
        synchronized (this) {
            Request request = new Request(exchange.getRequestMethod(), target, body);
            requests.add(request);
            Deque<Reply> queue = script.get(request.line());
            reply = queue == null ? new Reply(404, "{\"error\":{\"type\":\"not_scripted\",\"reason\":\"" + target + "\"}}")
                    : queue.size() > 1 ? queue.poll() : queue.peek();
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
