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

    /** How a line that continues a stack trace (or a .NET console entry) may start. */
    private static final String[] CONTINUATION_STARTS = {"\tat ", "\t...", "    at ", "Caused by: ", "Suppressed: ",
        "  File \"", "Traceback (most recent call last):", ContinuationLines.DOTNET_INDENT};
    /** The same starts as a JSON string spells them, inside an envelope's message. */
    private static final String[] ESCAPED_CONTINUATION_STARTS = jsonSpellings(CONTINUATION_STARTS);
    /** The chars those starts begin with: most lines begin with none of them, and are told after one test. */
    private static final String FIRST_CHARS = firstChars(CONTINUATION_STARTS);

    /**
     * Quick textual test: could this message be an envelope whose {@code log} continues a stack trace?
     * {@code logValueAt}: {@link EnvelopeKeys#logValueAt} of the message, where its first {@code "log":"} ends,
     * or -1.
     */
    static boolean mayHoldContinuation(String message, int logValueAt) {
        if (logValueAt < 0 || message.isEmpty() || message.charAt(0) != '{') {
            return false;
        }
        return startsWithAny(message, logValueAt, ESCAPED_CONTINUATION_STARTS);
    }

    /**
     * {@link #mayHoldContinuation} for an envelope the decoder already read: the same starts, tested on its
     * {@code log} line rather than on that line's escaped spelling inside the message.
     */
    static boolean logMayHoldContinuation(String log) {
        return !log.isEmpty() && FIRST_CHARS.indexOf(log.charAt(0)) >= 0 && startsWithAny(log, 0, CONTINUATION_STARTS);
    }

    private static String firstChars(String[] starts) {
        StringBuilder chars = new StringBuilder();
        for (String start : starts) {
            if (chars.indexOf(start.substring(0, 1)) < 0) {
                chars.append(start.charAt(0));
            }
        }
        return chars.toString();
    }

    private static String[] jsonSpellings(String[] texts) {
        String[] spelled = new String[texts.length];
        for (int i = 0; i < texts.length; i++) {
            spelled[i] = texts[i].replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t");
        }
        return spelled;
    }

    private static boolean startsWithAny(String s, int at, String[] starts) {
        for (String start : starts) {
            if (s.startsWith(start, at)) {
                return true;
            }
        }
        return false;
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
