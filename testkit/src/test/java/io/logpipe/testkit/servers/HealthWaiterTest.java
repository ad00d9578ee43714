package io.logpipe.testkit.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthWaiterTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> queries = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Answers with the given (status code, body) pairs in turn, repeating the last one. */
    private URI serve(Object... codesAndBodies) throws Exception {
        AtomicInteger call = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/_cluster/health", exchange -> {
            queries.add(exchange.getRequestURI().getQuery());
            int i = Math.min(call.getAndIncrement(), codesAndBodies.length / 2 - 1);
            byte[] body = ((String) codesAndBodies[2 * i + 1]).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders((Integer) codesAndBodies[2 * i], body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void retriesUntilGreen() throws Exception {
        URI base = serve(
                503, "{\"error\":\"cluster_manager_not_discovered_exception\"}",
                408, "{\"status\":\"red\",\"timed_out\":true}",
                200, "{\"status\":\"green\",\"timed_out\":false,\"number_of_nodes\":1}");
        JsonNode health = new HealthWaiter(client).await(base, "green", Duration.ofSeconds(20), () -> true);
        assertThat(health.path("number_of_nodes").asInt()).isEqualTo(1);
        assertThat(queries).hasSize(3).allMatch(q -> q.startsWith("wait_for_status=green&timeout="));
    }

    @Test
    void yellowIsEnoughWhenAskedFor() throws Exception {
        URI base = serve(200, "{\"status\":\"yellow\",\"timed_out\":false}");
        assertThat(new HealthWaiter(client).await(base, "yellow", Duration.ofSeconds(5), () -> true)
                .path("status").asText()).isEqualTo("yellow");
    }

    @Test
    void retriesWhileNothingListens() {
        URI nothing = URI.create("http://127.0.0.1:" + FreePorts.pick());
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> new HealthWaiter(client).await(nothing, "green", Duration.ofSeconds(2), () -> true))
                .isInstanceOf(OpenSearchStartException.class)
                .hasMessageContaining("did not become green within 2 s")
                .hasMessageContaining("ConnectException");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    @Test
    void failsFastWhenTheProcessDied() throws Exception {
        URI base = serve(503, "{}");
        AtomicInteger checks = new AtomicInteger();
        assertThatThrownBy(() -> new HealthWaiter(client).await(base, "green", Duration.ofSeconds(60),
                () -> checks.incrementAndGet() < 3))
                .isInstanceOf(OpenSearchStartException.class)
                .hasMessageContaining("exited");
    }

    @Test
    void statusOrdering() {
        assertThat(HealthWaiter.reached("green", "yellow")).isTrue();
        assertThat(HealthWaiter.reached("yellow", "green")).isFalse();
        assertThat(HealthWaiter.reached("red", "yellow")).isFalse();
    }
}
