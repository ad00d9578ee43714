package io.logpipe.testkit.faults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * A {@code _bulk} request body: NDJSON action lines, each followed by a source line except for {@code delete}.
 * Lines are kept as the raw bytes received, so a forwarded subset is byte-identical per line.
 *
 * @param items the operations in request order
 */
record BulkBody(List<Item> items) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OPS = Set.of("index", "create", "update", "delete");

    /**
     * One operation.
     *
     * @param op     {@code index}, {@code create}, {@code update} or {@code delete}
     * @param index  {@code _index} from the action, else the index in the request path, else null
     * @param id     {@code _id} from the action, or null (auto-generated id)
     * @param action the raw action line, without the newline
     * @param source the raw source line, or null for {@code delete}
     */
    record Item(String op, String index, String id, byte[] action, byte[] source) {
    }

    BulkBody {
        items = List.copyOf(items);
    }

    int size() {
        return items.size();
    }

    /**
     * Parses an uncompressed body; blank lines are skipped.
     *
     * @param pathIndex the index of a {@code /<index>/_bulk} path, the default for actions without {@code _index}
     */
    static BulkBody parse(byte[] ndjson, Optional<String> pathIndex) throws IOException {
        List<byte[]> lines = lines(ndjson);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            byte[] action = lines.get(i);
            Map.Entry<String, JsonNode> op = readAction(action, i);
            String index = text(op.getValue(), "_index").or(() -> pathIndex).orElse(null);
            String id = text(op.getValue(), "_id").orElse(null);
            byte[] source = null;
            if (!op.getKey().equals("delete")) {
                if (++i == lines.size()) {
                    throw new IOException("bulk action " + op.getKey() + " on the last line has no source line");
                }
                source = lines.get(i);
            }
            items.add(new Item(op.getKey(), index, id, action, source));
        }
        return new BulkBody(items);
    }

    /** The index named by a {@code /<index>/_bulk} path. */
    static Optional<String> pathIndex(String path) {
        String[] parts = path.split("/");
        return parts.length >= 3 && !parts[1].isEmpty() ? Optional.of(parts[1]) : Optional.empty();
    }

    /** The body made of the items at the indices {@code keep} accepts, each line newline-terminated. */
    byte[] toNdjson(IntPredicate keep) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < items.size(); i++) {
            if (keep.test(i)) {
                Item item = items.get(i);
                out.writeBytes(item.action());
                out.write('\n');
                if (item.source() != null) {
                    out.writeBytes(item.source());
                    out.write('\n');
                }
            }
        }
        return out.toByteArray();
    }

    private static Map.Entry<String, JsonNode> readAction(byte[] line, int lineNo) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IOException("bulk line " + (lineNo + 1) + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new IOException("bulk line " + (lineNo + 1) + " is not an action object with one key");
        }
        Map.Entry<String, JsonNode> op = node.properties().iterator().next();
        if (!OPS.contains(op.getKey()) || !op.getValue().isObject()) {
            throw new IOException("bulk line " + (lineNo + 1) + " has unknown action " + op.getKey());
        }
        return op;
    }

    private static Optional<String> text(JsonNode meta, String field) {
        JsonNode v = meta.get(field);
        return v != null && v.isValueNode() && !v.isNull() ? Optional.of(v.asText()) : Optional.empty();
    }

    /** Splits on LF, drops a CR before it and skips blank lines. */
    private static List<byte[]> lines(byte[] data) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= data.length; i++) {
            if (i < data.length && data[i] != '\n') {
                continue;
            }
            int end = i > start && data[i - 1] == '\r' ? i - 1 : i;
            if (!isBlank(data, start, end)) {
                lines.add(Arrays.copyOfRange(data, start, end));
            }
            start = i + 1;
        }
        return lines;
    }

    private static boolean isBlank(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] != ' ' && data[i] != '\t' && data[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
