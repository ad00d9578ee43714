package io.logpipe.testkit.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polls {@code GET /_cluster/health?wait_for_status=<status>&timeout=<n>s} until the node reports the wanted
 * status, the process dies, or the overall timeout passes. Connection failures (HTTP not bound yet) and 408/503
 * answers (status not reached, no cluster manager elected yet) are retried.
 */
final class HealthWaiter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_SERVER_WAIT_SECONDS = 10;
    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

    private final HttpClient client;

    HealthWaiter(HttpClient client) {
        this.client = client;
    }

    /**
     * @param status   {@code green} or {@code yellow}
     * @param alive    checked between attempts; when it turns false the wait fails at once
     * @return the health response of the successful call
     * @throws OpenSearchStartException on timeout or when the process is gone
     */
    JsonNode await(URI base, String status, Duration timeout, BooleanSupplier alive) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (true) {
            if (!alive.getAsBoolean()) {
                throw new OpenSearchStartException("OpenSearch process exited before the cluster became " + status
                        + " (last health answer: " + last + ")");
            }
            long remainingMs = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (remainingMs <= 0) {
                throw new OpenSearchStartException("OpenSearch at " + base + " did not become " + status + " within "
                        + timeout.toSeconds() + " s (last health answer: " + last + ")");
            }
            long serverWait = Math.max(1, Math.min(MAX_SERVER_WAIT_SECONDS, remainingMs / 1000));
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/_cluster/health?wait_for_status=" + status
                            + "&timeout=" + serverWait + "s"))
                    .timeout(Duration.ofSeconds(serverWait + 5))
                    .GET().build();
            boolean pause = true;
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + abbreviate(response.body());
                if (response.statusCode() == 200) {
                    JsonNode health = JSON.readTree(response.body());
                    if (!health.path("timed_out").asBoolean(false) && reached(health.path("status").asText(), status)) {
                        return health;
                    }
                }
                pause = response.statusCode() != 408; // a 408 has already waited server-side
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                interrupted(base, e);
            }
            if (pause) {
                try {
                    Thread.sleep(RETRY_PAUSE);
                } catch (InterruptedException e) {
                    interrupted(base, e);
                }
            }
        }
    }

    private static void interrupted(URI base, InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OpenSearchStartException("interrupted while waiting for " + base, e);
    }

    static boolean reached(String actual, String wanted) {
        return rank(actual) >= rank(wanted);
    }

    private static int rank(String status) {
        return switch (status) {
            case "green" -> 2;
            case "yellow" -> 1;
            default -> 0;
        };
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }
}
