package io.logpipe.processor.sink;

import io.logpipe.processor.clean.TimestampFormatter;
import io.logpipe.processor.model.LogEvent;

import java.util.List;
import java.util.Map;

/**
 * Writes a {@link LogEvent} as the ECS-style JSON document documented in docs/schema.md, streaming straight
 * into a Jackson generator: no intermediate tree, fields in a fixed order, absent values omitted.
 * Not thread-safe (the timestamp formatter caches the current second).
 */
public final class EcsDocumentWriter {
    // Slots of JsonOut.writeRepeatedStringField: one per field whose value is usually the same instance as in
    // the previous document (per payload, per log group, or a constant).
    static final int LEVEL = 0, DATASET = 1, SERVICE = 2, ENVIRONMENT = 3, HOST = 4, ACCOUNT = 5, REGION = 6,
            LOG_GROUP = 7, LOG_STREAM = 8, FAAS = 9, PROVIDER = 10, LOGGER = 11, IOSTREAM = 12, CONTAINER_NAME = 13,
            THREAD = 14, ERROR_TYPE = 15, ECS_CLUSTER = 16, ECS_TASK_ARN = 17, HTTP_METHOD = 18, HTTP_VERSION = 19,
            USER_AGENT = 20, LAMBDA_EVENT = 21, LAMBDA_STATUS = 22;
    private final TimestampFormatter time = new TimestampFormatter();

    public void write(LogEvent e, JsonOut g) {
        g.writeStartObject();
        writeTime(g, "@timestamp", e.timestamp);
        g.writeStringField("message", e.message);
        writeLog(e, g);
        writeEvent(e, g);
        g.writeObjectFieldStart("service");
        g.writeRepeatedStringField("name", e.serviceName, SERVICE);
        g.writeRepeatedStringField("environment", e.environment, ENVIRONMENT);
        g.writeEndObject();
        if (e.hostName != null) {
            g.writeObjectFieldStart("host");
            g.writeRepeatedStringField("name", e.hostName, HOST);
            g.writeEndObject();
        }
        writeCloud(e, g);
        AwsFields.write(e, g);
        writeContainer(e, g);
        HttpDocumentFields.write(e, g);
        writeError(e, g);
        writeIds(e, g);
        KafkaFields.write(e, g);
        writeTags(e.tags, g);
        if (e.attributes != null && !e.attributes.isEmpty()) {
            g.writeFieldName("attributes");
            JsonValues.write(e.attributes, g);
        }
        g.writeEndObject();
    }

    /** ISO-8601 bytes copied straight in: two timestamps a document as Strings cost ~1 % of the job. */
    private void writeTime(JsonOut g, String name, long epochMillis) {
        g.writePlainAsciiField(name, time.formatAscii(epochMillis), TimestampFormatter.LENGTH);
    }

    private static void writeLog(LogEvent e, JsonOut g) {
        g.writeObjectFieldStart("log");
        g.writeRepeatedStringField("level", e.level.name(), LEVEL);
        optionalRepeated(g, "logger", e.logger, LOGGER);
        optionalRepeated(g, "iostream", e.ioStream, IOSTREAM);
        g.writeEndObject();
    }

    private void writeEvent(LogEvent e, JsonOut g) {
        g.writeObjectFieldStart("event");
        g.writeStringField("id", e.raw.id());
        if (e.dataset != null) {
            g.writeRepeatedStringField("dataset", e.dataset, DATASET);
        }
        optional(g, "action", e.action);
        writeTime(g, "created", e.raw.timestamp());
        if (e.durationNanos != LogEvent.UNSET) {
            g.writeNumberField("duration", e.durationNanos);
        }
        g.writeEndObject();
    }

    private static void writeCloud(LogEvent e, JsonOut g) {
        g.writeObjectFieldStart("cloud");
        g.writeRepeatedStringField("provider", "aws", PROVIDER);
        if (e.cloudAccountId != null) {
            g.writeObjectFieldStart("account");
            g.writeRepeatedStringField("id", e.cloudAccountId, ACCOUNT);
            g.writeEndObject();
        }
        if (e.cloudRegion != null) {
            g.writeRepeatedStringField("region", e.cloudRegion, REGION);
        }
        g.writeEndObject();
    }

    private static void writeContainer(LogEvent e, JsonOut g) {
        if (e.containerId != null || e.containerName != null) {
            g.writeObjectFieldStart("container");
            optional(g, "id", e.containerId);
            optionalRepeated(g, "name", e.containerName, CONTAINER_NAME);
            g.writeEndObject();
        }
        if (e.faasName != null) {
            g.writeObjectFieldStart("faas");
            g.writeRepeatedStringField("name", e.faasName, FAAS);
            g.writeEndObject();
        }
        if (e.thread != null) {
            g.writeObjectFieldStart("process");
            g.writeObjectFieldStart("thread");
            g.writeRepeatedStringField("name", e.thread, THREAD);
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private static void writeError(LogEvent e, JsonOut g) {
        LogEvent.ErrorInfo error = e.error;
        if (error == null || (error.type == null && error.message == null && error.stackTrace == null)) {
            return;
        }
        g.writeObjectFieldStart("error");
        optionalRepeated(g, "type", error.type, ERROR_TYPE);
        optional(g, "message", error.message);
        optional(g, "stack_trace", error.stackTrace);
        optional(g, "fingerprint", error.fingerprint);
        g.writeEndObject();
    }

    private static void writeIds(LogEvent e, JsonOut g) {
        if (e.traceId != null) {
            g.writeObjectFieldStart("trace");
            g.writeStringField("id", e.traceId);
            g.writeEndObject();
        }
        if (e.spanId != null) {
            g.writeObjectFieldStart("span");
            g.writeStringField("id", e.spanId);
            g.writeEndObject();
        }
        if (e.userId != null) {
            g.writeObjectFieldStart("user");
            g.writeStringField("id", e.userId);
            g.writeEndObject();
        }
    }

    private static void writeTags(List<String> tags, JsonOut g) {
        if (tags == null || tags.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("tags");
        for (String tag : tags) {
            g.writeString(tag);
        }
        g.writeEndArray();
    }

    static void optional(JsonOut g, String name, String value) {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    /** {@link #optional} for a value that usually repeats across documents (see JsonOut.writeRepeatedStringField). */
    static void optionalRepeated(JsonOut g, String name, String value, int slot) {
        if (value != null) {
            g.writeRepeatedStringField(name, value, slot);
        }
    }

    static void optional(JsonOut g, String name, double value) {
        if (!Double.isNaN(value)) {
            g.writeNumberField(name, value);
        }
    }

    static void optional(JsonOut g, String name, long value) {
        if (value != LogEvent.UNSET) {
            g.writeNumberField(name, value);
        }
    }

    /** Writes a plain value tree (as read by the JSON reader) without databind. */
    static final class JsonValues {
        private JsonValues() {
        }

        static void write(Object value, JsonOut g) {
            switch (value) {
                case null -> g.writeNull();
                case String s -> g.writeString(s);
                case Long l -> g.writeNumber(l);
                case Integer i -> g.writeNumber(i);
                case Double d -> {
                    if (Double.isFinite(d)) {
                        g.writeNumber(d);
                    } else {
                        g.writeString(d.toString());
                    }
                }
                case Boolean b -> g.writeBoolean(b);
                case Map<?, ?> map -> {
                    g.writeStartObject();
                    for (Map.Entry<?, ?> entry : map.entrySet()) {
                        g.writeKey(String.valueOf(entry.getKey()));
                        write(entry.getValue(), g);
                    }
                    g.writeEndObject();
                }
                case List<?> list -> {
                    g.writeStartArray();
                    for (Object item : list) {
                        write(item, g);
                    }
                    g.writeEndArray();
                }
                default -> g.writeString(value.toString());
            }
        }
    }
}
