package io.logpipe.processor.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.logpipe.processor.json.BoundedJsonReader;
import io.logpipe.processor.model.PreReadEnvelope;
import io.logpipe.processor.model.PreReadRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of {@code logEvents} as read, before it is checked. {@code problem} is non-null when the entry
 * is malformed; {@code original} then renders what was there, for the dead letter. {@code envelopeKeys}: the
 * message's {@link EnvelopeKeys} when the reader noted them, else {@link EnvelopeKeys#UNKNOWN}. {@code envelope}:
 * the message as {@link EnvelopeReader} read it, {@code record}: as {@link RecordReader} read it (then
 * {@code message} is null: they carry it), or null.
 */
record PendingEvent(String id, long timestamp, String message, String problem, String original, int envelopeKeys,
                    PreReadEnvelope envelope, PreReadRecord record) {

    PendingEvent(String id, long timestamp, String message, String problem, String original) {
        this(id, timestamp, message, problem, original, EnvelopeKeys.UNKNOWN, null, null);
    }

    static List<PendingEvent> readArray(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of(new PendingEvent(null, -1, null, "logEvents is not an array", String.valueOf(t)));
        }
        List<PendingEvent> events = new ArrayList<>(256);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            events.add(readOne(p));
        }
        return events;
    }

    private static PendingEvent readOne(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            Object value = new BoundedJsonReader(8, 1000).readValue(p, 0);
            return new PendingEvent(null, -1, null, "log event is not a JSON object", String.valueOf(value));
        }
        String id = null, message = null, problem = null;
        long timestamp = -1;
        StringBuilder odd = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "id" -> id = v == JsonToken.VALUE_STRING ? p.getText() : null;
                case "timestamp" -> timestamp = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                case "message" -> message = v == JsonToken.VALUE_STRING ? p.getText() : null;
                default -> { }
            }
            if (!acceptable(field, v)) {
                odd = odd == null ? new StringBuilder() : odd.append(", ");
                odd.append(field).append('=').append(new BoundedJsonReader(8, 1000).readValue(p, 0));
                problem = "log event field '" + field + "' has the wrong type (" + v + ")";
            } else if (v.isStructStart()) {
                p.skipChildren();
            }
        }
        if (problem == null && message == null) {
            problem = "log event has no message";
        } else if (problem == null && (id == null || id.isEmpty())) {
            problem = "log event has no id";
        } else if (problem == null && timestamp < 0) {
            problem = "log event has no valid timestamp";
        }
        String original = problem == null ? null
                : "{id=" + id + ", timestamp=" + timestamp + ", message=" + message + (odd == null ? "" : ", " + odd) + "}";
        return new PendingEvent(id, timestamp, message, problem, original);
    }

    private static boolean acceptable(String field, JsonToken v) {
        return switch (field) {
            case "id", "message" -> v == JsonToken.VALUE_STRING;
            case "timestamp" -> v == JsonToken.VALUE_NUMBER_INT;
            default -> true;
        };
    }
}
