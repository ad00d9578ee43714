package io.logpipe.processor.sink.opensearch.bulk;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.logpipe.processor.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a bulk response ({@code {"errors":..,"items":[{"create":{"status":201,"error":{..}}}]}}) into
 * per-item results, reading only status and error type/reason (the request asks for just those with
 * {@code filter_path}).
 */
public final class BulkResponseParser {
    private BulkResponseParser() {
    }

    public static List<BulkResponse.Item> parseItems(InputStream body) throws IOException {
        List<BulkResponse.Item> items = new ArrayList<>();
        try (JsonParser p = Json.FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("bulk response is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if ("items".equals(field) && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        items.add(readItem(p));
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return items;
    }

    /** {@code {"create": {"status": 409, "error": {"type": ..., "reason": ...}}}} */
    private static BulkResponse.Item readItem(JsonParser p) throws IOException {
        int status = -1;
        String type = null, reason = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if ("status".equals(field) && t == JsonToken.VALUE_NUMBER_INT) {
                    status = p.getIntValue();
                } else if ("error".equals(field) && t == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        JsonToken v = p.nextToken();
                        if ("type".equals(name) && v == JsonToken.VALUE_STRING) {
                            type = p.getText();
                        } else if ("reason".equals(name) && v == JsonToken.VALUE_STRING) {
                            reason = p.getText();
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return new BulkResponse.Item(status, type, reason);
    }
}
