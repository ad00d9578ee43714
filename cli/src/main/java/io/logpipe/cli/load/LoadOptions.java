package io.logpipe.cli.load;

import java.net.URI;
import java.time.Duration;

/**
 * One load run.
 *
 * @param url         the API's base URL, e.g. {@code http://127.0.0.1:8081}
 * @param endpoint    which endpoint to post to
 * @param events      events to post in total
 * @param concurrency requests in flight at most
 * @param batchSize   events per request ({@code v1/logs} only; 1 for {@code register_event})
 * @param duration    no new request is started after this long; events not sent by then count as not accepted
 * @param timeout     per request
 */
public record LoadOptions(URI url, Endpoint endpoint, int events, int concurrency, int batchSize, Duration duration,
                          Duration timeout) {

    /** The API endpoints the simulator can drive. */
    public enum Endpoint {
        REGISTER_EVENT("register_event"), V1_LOGS("v1/logs");

        private final String path;

        Endpoint(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }

        /** {@code register_event} or {@code v1/logs} (also the enum names). */
        public static Endpoint parse(String s) {
            for (Endpoint e : values()) {
                if (e.path.equalsIgnoreCase(s) || e.name().equalsIgnoreCase(s) || ("/" + e.path).equalsIgnoreCase(s)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("unknown endpoint " + s + ": register_event or v1/logs");
        }
    }

    public LoadOptions {
        if (url == null || url.getScheme() == null || !url.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("--url must be an http(s) URL: " + url);
        }
        if (events < 1 || events > 10_000_000) {
            throw new IllegalArgumentException("--events must be 1-10,000,000: " + events);
        }
        if (concurrency < 1 || concurrency > 10_000) {
            throw new IllegalArgumentException("--concurrency must be 1-10,000: " + concurrency);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("--batch-size must be 1-10,000: " + batchSize);
        }
        if (endpoint == Endpoint.REGISTER_EVENT && batchSize != 1) {
            throw new IllegalArgumentException("--batch-size applies to --endpoint v1/logs; register_event takes one event");
        }
        if (!duration.isPositive() || !timeout.isPositive()) {
            throw new IllegalArgumentException("--duration and --timeout must be positive");
        }
    }

    public URI target() {
        String base = url.toString().endsWith("/") ? url.toString() : url + "/";
        return URI.create(base).resolve(endpoint.path());
    }
}
