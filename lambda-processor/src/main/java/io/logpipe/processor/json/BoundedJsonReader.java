package io.logpipe.processor.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON value from a streaming parser into plain Java values (Map, List, String, Long, Double,
 * Boolean, null) while enforcing a maximum depth and a maximum number of fields/elements for the whole
 * record, so a hostile record costs bounded memory and time. Not thread-safe: one instance per record.
 */
public final class BoundedJsonReader {
    private final int maxDepth;
    private final int maxFields;
    private int fields;

    public BoundedJsonReader(int maxDepth, int maxFields) {
        this.maxDepth = maxDepth;
        this.maxFields = maxFields;
    }

    /** Counts a field read by the caller itself, so all fields of a record share one budget. */
    public void countField() {
        if (++fields > maxFields) {
            throw new JsonLimitException("record has more than " + maxFields + " fields");
        }
    }

    /** Reads the value at the parser's current token; {@code depth} is the depth of that value's container. */
    public Object readValue(JsonParser p, int depth) throws IOException {
        JsonToken t = p.currentToken();
        return switch (t) {
            case START_OBJECT -> readObject(p, depth + 1);
            case START_ARRAY -> readArray(p, depth + 1);
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getText() : p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected JSON token " + t);
        };
    }

    private Map<String, Object> readObject(JsonParser p, int depth) throws IOException {
        checkDepth(depth);
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            countField();
            String name = p.currentName();
            p.nextToken();
            map.put(name, readValue(p, depth));
        }
        return map;
    }

    private List<Object> readArray(JsonParser p, int depth) throws IOException {
        checkDepth(depth);
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            countField();
            list.add(readValue(p, depth));
        }
        return list;
    }

    private void checkDepth(int depth) {
        if (depth > maxDepth) {
            throw new JsonLimitException("record is nested deeper than " + maxDepth + " levels");
        }
    }
}
