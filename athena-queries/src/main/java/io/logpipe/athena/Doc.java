package io.logpipe.athena;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What the expectations need of one document, read with Jackson straight from the NDJSON the processor wrote
 * (not through any SQL), plus where it was stored. Absent fields are null.
 */
record Doc(
        String service, String dt, String hour, Instant ts, String environment, String level, String eventId,
        String message, Long durationNanos, Integer status, String fingerprint, String errorType, String errorMessage,
        String host, String traceId, String spanId, String method, String path, String platformEvent,
        Double initMs, Double durationMs, Double billedMs, Long memoryMb, Long maxMemoryMb, String lambdaStatus,
        String function, String attributes, String objectPath) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);

    static String day(Instant t) {
        return DAY.format(t);
    }

    static String hour(Instant t) {
        return HOUR.format(t);
    }

    /** {@code service}: the partition value (service.name made key-safe by the archive sink). */
    static Doc of(JsonNode d, String service, String objectPath) {
        Instant ts = Instant.parse(d.path("@timestamp").asText());
        JsonNode lambda = d.path("aws").path("lambda");
        JsonNode attributes = d.get("attributes");
        return new Doc(
                service, day(ts), hour(ts), ts,
                text(d.path("service").path("environment")),
                text(d.path("log").path("level")),
                text(d.path("event").path("id")),
                text(d.path("message")),
                d.path("event").has("duration") ? d.path("event").path("duration").asLong() : null,
                d.path("http").path("response").has("status_code")
                        ? d.path("http").path("response").path("status_code").asInt() : null,
                text(d.path("error").path("fingerprint")),
                text(d.path("error").path("type")),
                text(d.path("error").path("message")),
                text(d.path("host").path("name")),
                text(d.path("trace").path("id")),
                text(d.path("span").path("id")),
                text(d.path("http").path("request").path("method")),
                text(d.path("url").path("path")),
                text(lambda.path("platform_event")),
                number(lambda.path("init_duration_ms")),
                number(lambda.path("duration_ms")),
                number(lambda.path("billed_duration_ms")),
                lambda.has("memory_size_mb") ? lambda.path("memory_size_mb").asLong() : null,
                lambda.has("max_memory_used_mb") ? lambda.path("max_memory_used_mb").asLong() : null,
                text(lambda.path("status")),
                text(d.path("faas").path("name")),
                attributes == null ? null : attributes.toString(),
                objectPath);
    }

    boolean isError() {
        return "ERROR".equals(level) || "FATAL".equals(level);
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    private static Double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : null;
    }
}
