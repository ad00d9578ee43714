package io.logpipe.processor.decode;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.logpipe.processor.json.BoundedJsonReader;
import io.logpipe.processor.json.Json;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/**
 * Reads and rewrites FireLens (Fluent Bit) JSON envelopes, {@code {"log": "...", "container_name": ...}}.
 * Used only on the rare records that need joining (Docker partials, stack traces split per line), so it
 * favours simplicity over speed.
 */
final class FireLensEnvelope {
    private FireLensEnvelope() {
    }

    /** Quick textual test: could this message be an envelope whose {@code log} continues a stack trace? */
    static boolean mayHoldContinuation(String message) {
        if (message.isEmpty() || message.charAt(0) != '{') {
            return false;
        }
        int at = message.indexOf("\"log\":\"");
        if (at < 0) {
            return false;
        }
        int v = at + 7;
        return message.startsWith("\\tat ", v) || message.startsWith("\\t...", v) || message.startsWith("    at ", v)
                || message.startsWith("Caused by: ", v) || message.startsWith("Suppressed: ", v)
                || message.startsWith("  File \\\"", v) || message.startsWith("Traceback (most recent call last):", v);
    }

    /** Parses an envelope into a map, or returns null if the message is not an object with a string {@code log}. */
    static Map<String, Object> parse(String message, int maxFields) {
        try (JsonParser p = Json.FACTORY.createParser(message)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) new BoundedJsonReader(8, maxFields).readValue(p, 0);
            return map.get("log") instanceof String ? map : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String write(Map<String, Object> envelope) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            writeValue(g, envelope);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write envelope", e);
        }
        return out.toString();
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value.toString());
        }
    }
}
