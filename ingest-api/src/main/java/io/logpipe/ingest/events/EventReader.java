package io.logpipe.ingest.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a request body into events: JSON objects, each within {@code maxEventBytes} and {@code maxDepth}, at most
 * {@code maxEvents} of them. Every failure names its place: {@code line 3} for NDJSON, {@code event [2]} for an
 * array. The body itself was already bounded by the HTTP layer ({@code MAX_BODY_BYTES}).
 */
public final class EventReader {
    private final ObjectMapper json;
    private final int maxEventBytes;
    private final int maxEvents;
    private final int maxDepth;

    public EventReader(int maxEventBytes, int maxEvents, int maxDepth) {
        this.maxEventBytes = maxEventBytes;
        this.maxEvents = maxEvents;
        this.maxDepth = maxDepth;
        // Jackson enforces the depth while parsing, so a hostile "[[[[..." never builds a deep tree.
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .build();
        this.json = new ObjectMapper(factory);
    }

    /** {@code POST /register_event}: exactly one JSON object. */
    public List<ObjectNode> single(byte[] body) throws RejectedInput {
        if (isBlank(body, 0, body.length)) {
            throw RejectedInput.malformed("empty body: expected one JSON object, e.g. {\"event\":\"login\",\"user_id\":42}");
        }
        if (body.length > maxEventBytes) {
            throw RejectedInput.tooLarge("event of " + body.length + " bytes exceeds MAX_EVENT_BYTES (" + maxEventBytes + ")");
        }
        return List.of(object(body, 0, body.length, "body"));
    }

    /** {@code POST /v1/logs} as {@code application/x-ndjson}: one JSON object per non-blank line. */
    public List<ObjectNode> ndjson(byte[] body) throws RejectedInput {
        List<ObjectNode> events = new ArrayList<>();
        int line = 0;
        int start = 0;
        while (start < body.length) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            line++;
            int stop = end > start && body[end - 1] == '\r' ? end - 1 : end;
            if (!isBlank(body, start, stop)) {
                if (events.size() == maxEvents) {
                    throw RejectedInput.tooLarge("more than MAX_BATCH_EVENTS (" + maxEvents + ") events; the limit was "
                            + "reached before line " + line);
                }
                if (stop - start > maxEventBytes) {
                    throw RejectedInput.tooLarge("line " + line + ": event of " + (stop - start)
                            + " bytes exceeds MAX_EVENT_BYTES (" + maxEventBytes + ")");
                }
                events.add(object(body, start, stop - start, "line " + line));
            }
            start = end + 1;
        }
        if (events.isEmpty()) {
            throw RejectedInput.malformed("no events: expected one JSON object per line");
        }
        return events;
    }

    /** {@code POST /v1/logs} as {@code application/json}: an array of JSON objects. */
    public List<ObjectNode> array(byte[] body) throws RejectedInput {
        List<ObjectNode> events = new ArrayList<>();
        boolean closed = false;
        try (JsonParser p = json.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw RejectedInput.malformed(first == null ? "empty body: expected a JSON array of objects"
                        : "expected a JSON array of objects, got " + describe(first)
                          + " (send one object to /register_event, or NDJSON as application/x-ndjson)");
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                int index = events.size();
                if (t == null) {
                    throw RejectedInput.malformed("event [" + index + "]: the array is not closed");
                }
                if (t != JsonToken.START_OBJECT) {
                    throw RejectedInput.malformed("event [" + index + "]: expected a JSON object, got " + describe(t));
                }
                if (index == maxEvents) {
                    throw RejectedInput.tooLarge("more than MAX_BATCH_EVENTS (" + maxEvents + ") events in the array");
                }
                long from = p.currentTokenLocation().getByteOffset();
                JsonNode node = p.readValueAsTree();
                long size = p.currentLocation().getByteOffset() - from;
                if (size > maxEventBytes) {
                    throw RejectedInput.tooLarge("event [" + index + "]: " + size + " bytes exceeds MAX_EVENT_BYTES ("
                            + maxEventBytes + ")");
                }
                events.add((ObjectNode) node);
            }
            closed = true;
            if (p.nextToken() != null) {
                throw RejectedInput.malformed("unexpected content after the JSON array at " + where(p));
            }
        } catch (StreamConstraintsException e) {
            throw RejectedInput.malformed("event [" + events.size() + "]: nesting deeper than MAX_JSON_DEPTH (" + maxDepth + ")");
        } catch (JsonParseException e) {
            if (closed) {
                throw RejectedInput.malformed("unexpected content after the JSON array at " + where(e.getProcessor()));
            }
            throw RejectedInput.malformed("event [" + events.size() + "]: invalid JSON: " + e.getOriginalMessage()
                    + " at " + where(e.getProcessor()));
        } catch (IOException e) {
            throw RejectedInput.malformed("invalid JSON: " + e.getMessage());
        }
        if (events.isEmpty()) {
            throw RejectedInput.malformed("no events: the array is empty");
        }
        return events;
    }

    private ObjectNode object(byte[] body, int offset, int length, String where) throws RejectedInput {
        try (JsonParser p = json.createParser(body, offset, length)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw RejectedInput.malformed(where + ": expected a JSON object, got " + describe(first));
            }
            JsonNode node = p.readValueAsTree();
            if (p.nextToken() != null) {
                throw RejectedInput.malformed(where + ": unexpected content after the JSON object, at column "
                        + p.currentTokenLocation().getColumnNr());
            }
            return (ObjectNode) node;
        } catch (StreamConstraintsException e) {
            throw RejectedInput.malformed(where + ": nesting deeper than MAX_JSON_DEPTH (" + maxDepth + ")");
        } catch (JsonParseException e) {
            throw RejectedInput.malformed(where + ": invalid JSON: " + e.getOriginalMessage() + " at column "
                    + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw RejectedInput.malformed(where + ": invalid JSON: " + e.getMessage());
        }
    }

    private static String where(JsonParser p) {
        if (p == null) {
            return "unknown position";
        }
        var loc = p.currentLocation();
        return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }

    private static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n') {
                return false;
            }
        }
        return true;
    }
}
