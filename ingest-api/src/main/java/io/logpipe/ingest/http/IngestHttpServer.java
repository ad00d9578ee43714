package io.logpipe.ingest.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.logpipe.ingest.IngestService;
import io.logpipe.ingest.events.RejectedInput;
import io.logpipe.ingest.metrics.IngestMetrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP front: routes, methods, bounded bodies, JSON answers. Built on the JDK's own
 * {@code com.sun.net.httpserver.HttpServer} with one virtual thread per exchange: no framework and no extra
 * dependency, so the container starts in well under a second and the image holds only the Kafka client; a request
 * blocked waiting for Kafka's acknowledgement costs a virtual thread, not a platform thread.
 */
public final class IngestHttpServer implements AutoCloseable {
    private static final String NODELAY = "sun.net.httpserver.nodelay";
    private static final Set<String> ROUTES = Set.of("/register_event", "/v1/logs", "/health", "/metrics");

    private final HttpServer server;
    private final ExecutorService executor;
    private final IngestService service;
    private final IngestMetrics metrics;

    private IngestHttpServer(HttpServer server, ExecutorService executor, IngestService service, IngestMetrics metrics) {
        this.server = server;
        this.executor = executor;
        this.service = service;
        this.metrics = metrics;
    }

    /** Binds {@code host:port} (port 0 picks a free one) and starts serving. */
    public static IngestHttpServer start(String host, int port, IngestService service, IngestMetrics metrics)
            throws IOException {
        // The JDK server leaves Nagle's algorithm on: a response written as header then body then waits for the
        // client's delayed ACK (~40 ms per request). Read once, when the first server is created in the JVM.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 1024);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        IngestHttpServer api = new IngestHttpServer(server, executor, service, metrics);
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String route = ROUTES.contains(path) ? path : "other";
        metrics.requestStarted();
        int status = 500;
        try {
            Reply reply = route(exchange, path);
            status = reply.status();
            send(exchange, reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 503;
            send(exchange, new Reply(503, IngestService.error(503, "shutting_down", "the API is shutting down"))
                    .withHeader("Retry-After", String.valueOf(IngestService.RETRY_AFTER_SECONDS)));
        } catch (RuntimeException e) {
            send(exchange, new Reply(500, IngestService.error(500, "internal_error", e.getClass().getSimpleName())));
        } finally {
            metrics.requestFinished(route, status);
            exchange.close();
        }
    }

    private Reply route(HttpExchange exchange, String path) throws IOException, InterruptedException {
        String method = exchange.getRequestMethod();
        return switch (path) {
            case "/register_event" -> post(exchange, method, body -> service.registerEvent(body));
            case "/v1/logs" -> post(exchange, method,
                    body -> service.logs(exchange.getRequestHeaders().getFirst("Content-Type"), body));
            case "/health" -> method.equals("GET") || method.equals("HEAD") ? service.health() : notAllowed("GET");
            case "/metrics" -> method.equals("GET") || method.equals("HEAD") ? metricsReply() : notAllowed("GET");
            default -> new Reply(404, IngestService.error(404, "not_found", "no such endpoint: " + path
                    + " (POST /register_event, POST /v1/logs, GET /health, GET /metrics)"));
        };
    }

    @FunctionalInterface
    private interface BodyHandler {
        Reply handle(byte[] body) throws InterruptedException;
    }

    private Reply post(HttpExchange exchange, String method, BodyHandler handler) throws IOException, InterruptedException {
        if (!method.equals("POST")) {
            return notAllowed("POST");
        }
        byte[] body;
        try {
            body = BoundedBody.read(exchange.getRequestHeaders().getFirst("Content-Length"), exchange.getRequestBody(),
                    service.config().maxBodyBytes());
        } catch (RejectedInput e) {
            metrics.rejected(e.reason().label(), 1);
            // The rest of an oversized body is not read: the connection is closed after the answer.
            exchange.getResponseHeaders().set("Connection", "close");
            return new Reply(e.reason().status(), IngestService.error(e.reason().status(), e.reason().label(), e.getMessage()));
        }
        return handler.handle(body);
    }

    private static Reply notAllowed(String allowed) {
        return new Reply(405, IngestService.error(405, "method_not_allowed", "use " + allowed))
                .withHeader("Allow", allowed.equals("GET") ? "GET, HEAD" : allowed);
    }

    private Reply metricsReply() {
        return Reply.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.render());
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body();
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", reply.contentType());
        reply.headers().forEach(headers::set);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(reply.status(), head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /**
     * Stops taking connections and waits up to {@code grace} for the exchanges in progress (each waits for Kafka at
     * most the send timeout), then stops the executor.
     */
    public void stop(Duration grace) {
        server.stop((int) Math.max(1, grace.toSeconds()));
        executor.shutdown();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(1));
    }
}
