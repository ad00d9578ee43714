package io.logpipe.ingest;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The API's settings, read from environment variables, each with a default (table in ingest-api/README.md).
 *
 * @param port             HTTP port ({@code PORT})
 * @param bootstrapServers Kafka bootstrap servers ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param topic            topic the events are published to ({@code KAFKA_TOPIC})
 * @param sasl             {@code none} (PLAINTEXT) or {@code iam} (SASL_SSL with AWS IAM, MSK Serverless)
 * @param maxBodyBytes     largest request body ({@code MAX_BODY_BYTES})
 * @param maxEventBytes    largest single event, as JSON ({@code MAX_EVENT_BYTES})
 * @param maxBatchEvents   most events in one {@code /v1/logs} request ({@code MAX_BATCH_EVENTS})
 * @param maxJsonDepth     deepest nesting of objects and arrays in an event ({@code MAX_JSON_DEPTH})
 * @param sendTimeoutMs    how long Kafka has to acknowledge a request's events ({@code SEND_TIMEOUT_MS})
 * @param serviceName      the API's name: Kafka client id, and {@code service} of events that name none
 */
public record IngestConfig(int port, String bootstrapServers, String topic, Sasl sasl, int maxBodyBytes,
                           int maxEventBytes, int maxBatchEvents, int maxJsonDepth, int sendTimeoutMs,
                           String serviceName) {

    /** How the producer authenticates to the cluster. */
    public enum Sasl { NONE, IAM }

    public IngestConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("PORT must be 0-65535: " + port);
        }
        require(bootstrapServers != null && !bootstrapServers.isBlank(), "KAFKA_BOOTSTRAP_SERVERS must not be empty");
        require(topic != null && !topic.isBlank(), "KAFKA_TOPIC must not be empty");
        require(maxEventBytes >= 64, "MAX_EVENT_BYTES must be at least 64: " + maxEventBytes);
        require(maxBodyBytes >= maxEventBytes, "MAX_BODY_BYTES (" + maxBodyBytes + ") must be at least MAX_EVENT_BYTES ("
                + maxEventBytes + ")");
        require(maxBatchEvents >= 1, "MAX_BATCH_EVENTS must be positive: " + maxBatchEvents);
        require(maxJsonDepth >= 1 && maxJsonDepth <= 1000, "MAX_JSON_DEPTH must be 1-1000: " + maxJsonDepth);
        require(sendTimeoutMs >= 1000, "SEND_TIMEOUT_MS must be at least 1000: " + sendTimeoutMs);
        require(serviceName != null && !serviceName.isBlank(), "SERVICE_NAME must not be empty");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static IngestConfig defaults() {
        return fromEnvironment(Map.of());
    }

    /** Reads the variables from {@code env}; unset or blank ones take their default. */
    public static IngestConfig fromEnvironment(Map<String, String> env) {
        Function<String, String> get = name -> {
            String v = env.get(name);
            return v == null || v.isBlank() ? null : v.trim();
        };
        return new IngestConfig(
                integer(get, "PORT", 8081),
                text(get, "KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                text(get, "KAFKA_TOPIC", "app-logs"),
                sasl(text(get, "KAFKA_SASL", "none")),
                integer(get, "MAX_BODY_BYTES", 1 << 20),
                integer(get, "MAX_EVENT_BYTES", 64 << 10),
                integer(get, "MAX_BATCH_EVENTS", 1_000),
                integer(get, "MAX_JSON_DEPTH", 32),
                integer(get, "SEND_TIMEOUT_MS", 5_000),
                text(get, "SERVICE_NAME", "ingest-api"));
    }

    private static String text(Function<String, String> get, String name, String fallback) {
        String v = get.apply(name);
        return v == null ? fallback : v;
    }

    private static int integer(Function<String, String> get, String name, int fallback) {
        String v = get.apply(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer: " + v, e);
        }
    }

    private static Sasl sasl(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "none", "plaintext" -> Sasl.NONE;
            case "iam" -> Sasl.IAM;
            default -> throw new IllegalArgumentException("KAFKA_SASL must be none or iam: " + value);
        };
    }

    public IngestConfig withPort(int v) {
        return new IngestConfig(v, bootstrapServers, topic, sasl, maxBodyBytes, maxEventBytes, maxBatchEvents,
                maxJsonDepth, sendTimeoutMs, serviceName);
    }

    public IngestConfig withBootstrapServers(String v) {
        return new IngestConfig(port, v, topic, sasl, maxBodyBytes, maxEventBytes, maxBatchEvents, maxJsonDepth,
                sendTimeoutMs, serviceName);
    }

    public IngestConfig withTopic(String v) {
        return new IngestConfig(port, bootstrapServers, v, sasl, maxBodyBytes, maxEventBytes, maxBatchEvents,
                maxJsonDepth, sendTimeoutMs, serviceName);
    }

    public IngestConfig withLimits(int body, int event, int batchEvents, int depth) {
        return new IngestConfig(port, bootstrapServers, topic, sasl, body, event, batchEvents, depth, sendTimeoutMs,
                serviceName);
    }

    public IngestConfig withSendTimeoutMs(int v) {
        return new IngestConfig(port, bootstrapServers, topic, sasl, maxBodyBytes, maxEventBytes, maxBatchEvents,
                maxJsonDepth, v, serviceName);
    }
}
