package io.logpipe.sample.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.logpipe.sample.SampleConfig;
import io.logpipe.sample.format.JsonText;
import io.logpipe.sample.output.RecentLines;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

/**
 * The service's endpoints on the JDK's HTTP server: {@code /} (welcome), {@code /logs} (the last lines written),
 * {@code /config} (the effective configuration) and {@code /health}. All answer JSON to GET or HEAD.
 */
public final class SampleHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final SampleConfig config;
    private final RecentLines recent;
    private final LongSupplier eventsWritten;
    private final Clock clock;
    private final Instant started;

    public SampleHttpServer(SampleConfig config, RecentLines recent, LongSupplier eventsWritten, Clock clock)
            throws IOException {
        this.config = config;
        this.recent = recent;
        this.eventsWritten = eventsWritten;
        this.clock = clock;
        this.started = clock.instant();
        this.server = HttpServer.create(new InetSocketAddress(config.port()), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    public SampleHttpServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "{\"error\":\"method not allowed\"}");
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/" -> send(exchange, 200, welcome());
                case "/logs" -> send(exchange, 200, logs());
                case "/config" -> send(exchange, 200, config.toJson());
                case "/health" -> send(exchange, 200, health());
                default -> send(exchange, 404, "{\"error\":\"not found\",\"endpoints\":[\"/\",\"/logs\",\"/config\",\"/health\"]}");
            }
        }
    }

    private String welcome() {
        return "{\"service\":" + JsonText.quote(config.serviceName())
                + ",\"message\":\"Sample log service: writes realistic " + config.format().label()
                + " logs to stdout\",\"endpoints\":{\"/logs\":\"last " + RecentLines.DEFAULT_CAPACITY
                + " lines written\",\"/config\":\"effective configuration\",\"/health\":\"liveness\"}}";
    }

    private String logs() {
        List<String> lines = recent.snapshot();
        StringBuilder out = new StringBuilder(lines.size() * 200 + 32).append("{\"count\":").append(lines.size())
                .append(",\"lines\":[");
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            JsonText.appendQuoted(out, lines.get(i));
        }
        return out.append("]}").toString();
    }

    private String health() {
        return "{\"status\":\"UP\",\"uptime_seconds\":" + Duration.between(started, clock.instant()).toSeconds()
                + ",\"events_written\":" + eventsWritten.getAsLong() + "}";
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
