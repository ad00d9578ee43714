package io.logpipe.processor.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.logpipe.processor.json.BoundedJsonReader;
import io.logpipe.processor.json.Json;
import io.logpipe.processor.json.PlainJsonWriter;

import java.io.IOException;
import java.util.Map;

/**
 * Reads and rewrites FireLens (Fluent Bit) JSON envelopes, {@code {"log": "...", "container_name": ...}}.
 * Used only on the rare records that need joining (Docker partials, stack traces split per line), so it
 * favours simplicity over speed.
 */
final class FireLensEnvelope {
    private FireLensEnvelope() {
    }

    /**
     * Quick textual test: could this message be an envelope whose {@code log} continues a stack trace?
     * {@code logValueAt}: {@link EnvelopeKeys#logValueAt} of the message, where its first {@code "log":"} ends,
     * or -1.
     */
    static boolean mayHoldContinuation(String message, int logValueAt) {
        int v = logValueAt;
        if (v < 0 || message.isEmpty() || message.charAt(0) != '{') {
            return false;
        }
        return message.startsWith("\\tat ", v) || message.startsWith("\\t...", v) || message.startsWith("    at ", v)
                || message.startsWith("Caused by: ", v) || message.startsWith("Suppressed: ", v)
                || message.startsWith("  File \\\"", v) || message.startsWith("Traceback (most recent call last):", v)
                || message.startsWith(ContinuationLines.DOTNET_INDENT, v);
    }

    /**
     * {@link #mayHoldContinuation} for an envelope the decoder already read: the same prefixes, tested on its
     * {@code log} line rather than on that line's escaped spelling inside the message.
     */
    static boolean logMayHoldContinuation(String log) {
        return log.startsWith("\tat ") || log.startsWith("\t...") || log.startsWith("    at ")
                || log.startsWith("Caused by: ") || log.startsWith("Suppressed: ") || log.startsWith("  File \"")
                || log.startsWith("Traceback (most recent call last):") || log.startsWith(ContinuationLines.DOTNET_INDENT);
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
        return PlainJsonWriter.toText(envelope);
    }
}
