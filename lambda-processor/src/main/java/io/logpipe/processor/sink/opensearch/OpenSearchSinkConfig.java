package io.logpipe.processor.sink.opensearch;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how the OpenSearch sink writes, parsed once at init.
 *
 * @param endpoint        the cluster URL, e.g. {@code http://127.0.0.1:9200} or {@code https://search-x.eu-west-1.es.amazonaws.com}
 * @param auth            {@link Auth#NONE} for local nodes, {@link Auth#BASIC} for a local secured node,
 *                        {@link Auth#SIGV4} for Amazon OpenSearch Service (credentials from the Lambda role)
 * @param signingService  {@code es} for managed domains, {@code aoss} for OpenSearch Serverless
 * @param index           the data stream (or index) documents are created in
 * @param maxBulkBytes    a bulk request body stays below this (small domains reject bodies over 10 MiB)
 * @param maxBulkDocs     and holds at most this many documents
 * @param compression     gzip request bodies
 * @param maxAttempts     attempts per document on retriable failures (429, 5xx, timeouts, connection errors)
 * @param initialBackoff  first retry delay; doubles each attempt, with full jitter, capped at {@code maxBackoff}
 */
public record OpenSearchSinkConfig(
        URI endpoint,
        Auth auth,
        String username,
        String password,
        String signingService,
        String region,
        String index,
        int maxBulkBytes,
        int maxBulkDocs,
        boolean compression,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration requestTimeout) {

    public enum Auth { NONE, BASIC, SIGV4 }

    public static final String DEFAULT_INDEX = "app-logs";

    public OpenSearchSinkConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(auth, "auth");
        if (auth == Auth.BASIC && (username == null || password == null)) {
            throw new IllegalArgumentException("basic auth needs a username and a password");
        }
        if (auth == Auth.SIGV4 && (region == null || region.isBlank())) {
            throw new IllegalArgumentException("SigV4 needs a region");
        }
        if (maxBulkBytes < 1024 || maxBulkDocs < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("bulk limits and attempts must be positive (maxBulkBytes >= 1024)");
        }
    }

    /** A local node without security, with production defaults for everything else. */
    public static OpenSearchSinkConfig local(URI endpoint) {
        return new OpenSearchSinkConfig(endpoint, Auth.NONE, null, null, "es", null, DEFAULT_INDEX, 5 << 20, 5_000,
                true, 8, Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    public OpenSearchSinkConfig withBulkLimits(int bytes, int docs) {
        return new OpenSearchSinkConfig(endpoint, auth, username, password, signingService, region, index, bytes, docs,
                compression, maxAttempts, initialBackoff, maxBackoff, requestTimeout);
    }

    public OpenSearchSinkConfig withRetries(int attempts, Duration initial, Duration max) {
        return new OpenSearchSinkConfig(endpoint, auth, username, password, signingService, region, index, maxBulkBytes,
                maxBulkDocs, compression, attempts, initial, max, requestTimeout);
    }

    public OpenSearchSinkConfig withRequestTimeout(Duration timeout) {
        return new OpenSearchSinkConfig(endpoint, auth, username, password, signingService, region, index, maxBulkBytes,
                maxBulkDocs, compression, maxAttempts, initialBackoff, maxBackoff, timeout);
    }

    /**
     * From {@code LOGPIPE_OPENSEARCH_*} variables: {@code ENDPOINT} (required), {@code AUTH} (none|basic|sigv4,
     * default sigv4 for https endpoints on amazonaws.com, else none), {@code USERNAME}/{@code PASSWORD} (basic,
     * local nodes only), {@code SERVICE} (es|aoss), {@code INDEX}, {@code BULK_BYTES}, {@code BULK_DOCS},
     * {@code COMPRESSION}, {@code MAX_ATTEMPTS}. The region comes from {@code AWS_REGION}.
     */
    public static OpenSearchSinkConfig fromEnv(Map<String, String> env) {
        String endpoint = env.get("LOGPIPE_OPENSEARCH_ENDPOINT");
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("LOGPIPE_OPENSEARCH_ENDPOINT is required for the opensearch sink");
        }
        URI uri = URI.create(endpoint.contains("://") ? endpoint : "https://" + endpoint);
        String defaultAuth = uri.getHost() != null && uri.getHost().endsWith(".amazonaws.com") ? "sigv4" : "none";
        Auth auth = Auth.valueOf(env.getOrDefault("LOGPIPE_OPENSEARCH_AUTH", defaultAuth).trim().toUpperCase(Locale.ROOT));
        OpenSearchSinkConfig d = local(uri);
        return new OpenSearchSinkConfig(uri, auth, env.get("LOGPIPE_OPENSEARCH_USERNAME"), env.get("LOGPIPE_OPENSEARCH_PASSWORD"),
                env.getOrDefault("LOGPIPE_OPENSEARCH_SERVICE", "es"), env.get("AWS_REGION"),
                env.getOrDefault("LOGPIPE_OPENSEARCH_INDEX", DEFAULT_INDEX),
                intVar(env, "LOGPIPE_OPENSEARCH_BULK_BYTES", d.maxBulkBytes()),
                intVar(env, "LOGPIPE_OPENSEARCH_BULK_DOCS", d.maxBulkDocs()),
                Boolean.parseBoolean(env.getOrDefault("LOGPIPE_OPENSEARCH_COMPRESSION", "true")),
                intVar(env, "LOGPIPE_OPENSEARCH_MAX_ATTEMPTS", d.maxAttempts()),
                d.initialBackoff(), d.maxBackoff(), d.requestTimeout());
    }

    private static int intVar(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        try {
            return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, was '" + v + "'", e);
        }
    }

    @Override
    public String toString() {                   // never print the password
        return "OpenSearchSinkConfig[endpoint=" + endpoint + ", auth=" + auth + ", index=" + index + ", maxBulkBytes="
                + maxBulkBytes + ", maxBulkDocs=" + maxBulkDocs + ", compression=" + compression + "]";
    }
}
