package io.logpipe.processor.sink;

import io.logpipe.processor.clean.TimestampFormatter;
import io.logpipe.processor.model.LogEvent;

import java.util.List;
import java.util.Map;

/**
 * Writes a {@link LogEvent} as the ECS-style JSON document documented in docs/schema.md, streaming straight
 * into a {@link JsonOut} (field names encoded once, see {@link FieldNames}): no intermediate tree, fields in a
 * fixed order, absent values omitted.
 * Not thread-safe (the timestamp formatter caches the current second, {@link #writeOrigin} its last groups).
 */
public final class EcsDocumentWriter {
    // Slots of JsonOut.writeRepeatedStringField: one per field whose value is usually the same instance as in
    // the previous document (per payload, per log group, or a constant).
    static final int LEVEL = 0, DATASET = 1, SERVICE = 2, ENVIRONMENT = 3, HOST = 4, ACCOUNT = 5, REGION = 6,
            LOG_GROUP = 7, LOG_STREAM = 8, FAAS = 9, PROVIDER = 10, LOGGER = 11, IOSTREAM = 12, CONTAINER_NAME = 13,
            THREAD = 14, ERROR_TYPE = 15, ECS_CLUSTER = 16, ECS_TASK_ARN = 17, HTTP_METHOD = 18, HTTP_VERSION = 19,
            USER_AGENT = 20, LAMBDA_EVENT = 21, LAMBDA_STATUS = 22;
    private final TimestampFormatter time = new TimestampFormatter();
    private final RepeatedFields origin = new RepeatedFields();       // service, host, cloud
    private final RepeatedFields cloudWatch = new RepeatedFields();   // aws.cloudwatch

    public void write(LogEvent e, JsonOut g) {
        g.writeStartObject();
        writeTime(g, FieldNames.TIMESTAMP, e.timestamp);
        g.writeStringField(FieldNames.MESSAGE, e.message);
        writeLog(e, g);
        writeEvent(e, g);
        writeOrigin(e, g);
        AwsFields.write(e, g, cloudWatch);
        writeContainer(e, g);
        HttpDocumentFields.write(e, g);
        writeError(e, g);
        writeIds(e, g);
        KafkaFields.write(e, g);
        writeTags(e.tags, g);
        if (e.attributes != null && !e.attributes.isEmpty()) {
            g.writeFieldName(FieldNames.ATTRIBUTES);
            JsonValues.write(e.attributes, g);
        }
        g.writeEndObject();
    }

    /**
     * The service, host and cloud groups. Their five values are the same from one document to the next (per log
     * group, task or payload), so the groups' bytes are kept and copied whole while the values stay the same
     * instances or equal ones ({@link RepeatedFields}): one copy instead of eight writes (~1 % of the job).
     */
    private void writeOrigin(LogEvent e, JsonOut g) {
        if (origin.copyOrStart(g, e.serviceName, e.environment, e.hostName, e.cloudAccountId, e.cloudRegion)) {
            return;
        }
        g.writeObjectFieldStart(FieldNames.SERVICE);
        g.writeRepeatedStringField(FieldNames.NAME, e.serviceName, SERVICE);
        g.writeRepeatedStringField(FieldNames.ENVIRONMENT, e.environment, ENVIRONMENT);
        g.writeEndObject();
        if (e.hostName != null) {
            g.writeObjectFieldStart(FieldNames.HOST);
            g.writeRepeatedStringField(FieldNames.NAME, e.hostName, HOST);
            g.writeEndObject();
        }
        writeCloud(e, g);
        origin.end(g);
    }

    /** ISO-8601 bytes copied straight in: two timestamps a document as Strings cost ~1 % of the job. */
    private void writeTime(JsonOut g, JsonOut.Name name, long epochMillis) {
        g.writePlainAsciiField(name, time.formatAscii(epochMillis), TimestampFormatter.LENGTH);
    }

    private static void writeLog(LogEvent e, JsonOut g) {
        g.writeObjectFieldStart(FieldNames.LOG);
        g.writeRepeatedStringField(FieldNames.LEVEL, e.level.name(), LEVEL);
        optionalRepeated(g, FieldNames.LOGGER, e.logger, LOGGER);
        optionalRepeated(g, FieldNames.IOSTREAM, e.ioStream, IOSTREAM);
        g.writeEndObject();
    }

    private void writeEvent(LogEvent e, JsonOut g) {
        g.writeObjectFieldStart(FieldNames.EVENT);
        g.writeMarkedStringField(FieldNames.ID, e.raw.id());   // the bulk action line copies these bytes
        if (e.dataset != null) {
            g.writeRepeatedStringField(FieldNames.DATASET, e.dataset, DATASET);
        }
        optional(g, FieldNames.ACTION, e.action);
        writeTime(g, FieldNames.CREATED, e.raw.timestamp());
        if (e.durationNanos != LogEvent.UNSET) {
            g.writeNumberField(FieldNames.DURATION, e.durationNanos);
        }
        g.writeEndObject();
    }

    private static void writeCloud(LogEvent e, JsonOut g) {
        g.writeObjectFieldStart(FieldNames.CLOUD);
        g.writeRepeatedStringField(FieldNames.PROVIDER, "aws", PROVIDER);
        if (e.cloudAccountId != null) {
            g.writeObjectFieldStart(FieldNames.ACCOUNT);
            g.writeRepeatedStringField(FieldNames.ID, e.cloudAccountId, ACCOUNT);
            g.writeEndObject();
        }
        if (e.cloudRegion != null) {
            g.writeRepeatedStringField(FieldNames.REGION, e.cloudRegion, REGION);
        }
        g.writeEndObject();
    }

    private static void writeContainer(LogEvent e, JsonOut g) {
        if (e.containerId != null || e.containerName != null) {
            g.writeObjectFieldStart(FieldNames.CONTAINER);
            optional(g, FieldNames.ID, e.containerId);
            optionalRepeated(g, FieldNames.NAME, e.containerName, CONTAINER_NAME);
            g.writeEndObject();
        }
        if (e.faasName != null) {
            g.writeObjectFieldStart(FieldNames.FAAS);
            g.writeRepeatedStringField(FieldNames.NAME, e.faasName, FAAS);
            g.writeEndObject();
        }
        if (e.thread != null) {
            g.writeObjectFieldStart(FieldNames.PROCESS);
            g.writeObjectFieldStart(FieldNames.THREAD);
            g.writeRepeatedStringField(FieldNames.NAME, e.thread, THREAD);
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private static void writeError(LogEvent e, JsonOut g) {
        LogEvent.ErrorInfo error = e.error;
        if (error == null || (error.type == null && error.message == null && error.stackTrace == null)) {
            return;
        }
        g.writeObjectFieldStart(FieldNames.ERROR);
        optionalRepeated(g, FieldNames.TYPE, error.type, ERROR_TYPE);
        optional(g, FieldNames.MESSAGE, error.message);
        optional(g, FieldNames.STACK_TRACE, error.stackTrace);
        optional(g, FieldNames.FINGERPRINT, error.fingerprint);
        g.writeEndObject();
    }

    private static void writeIds(LogEvent e, JsonOut g) {
        if (e.traceId != null) {
            g.writeObjectFieldStart(FieldNames.TRACE);
            g.writeStringField(FieldNames.ID, e.traceId);
            g.writeEndObject();
        }
        if (e.spanId != null) {
            g.writeObjectFieldStart(FieldNames.SPAN);
            g.writeStringField(FieldNames.ID, e.spanId);
            g.writeEndObject();
        }
        if (e.userId != null) {
            g.writeObjectFieldStart(FieldNames.USER);
            g.writeStringField(FieldNames.ID, e.userId);
            g.writeEndObject();
        }
    }

    private static void writeTags(List<String> tags, JsonOut g) {
        if (tags == null || tags.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(FieldNames.TAGS);
        for (String tag : tags) {
            g.writeString(tag);
        }
        g.writeEndArray();
    }

    static void optional(JsonOut g, JsonOut.Name name, String value) {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    /** {@link #optional} for a value that usually repeats across documents (see JsonOut.writeRepeatedStringField). */
    static void optionalRepeated(JsonOut g, JsonOut.Name name, String value, int slot) {
        if (value != null) {
            g.writeRepeatedStringField(name, value, slot);
        }
    }

    static void optional(JsonOut g, JsonOut.Name name, double value) {
        if (!Double.isNaN(value)) {
            g.writeNumberField(name, value);
        }
    }

    static void optional(JsonOut g, JsonOut.Name name, long value) {
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
