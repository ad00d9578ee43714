package io.logpipe.processor.sink.opensearch.index;

import com.fasterxml.jackson.core.JsonParser;
import io.logpipe.processor.json.BoundedJsonReader;
import io.logpipe.processor.json.Json;
import io.logpipe.processor.json.PlainJsonWriter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain-value JSON trees (Map, List, String, Long, Double, Boolean, null) on jackson-core, for the few small
 * documents the bootstrap sends and reads: no databind in main code.
 */
final class JsonTree {
    private JsonTree() {
    }

    static Object parse(byte[] json) {
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            if (p.nextToken() == null) {
                throw new IllegalArgumentException("empty JSON");
            }
            Object value = new BoundedJsonReader(Json.MAX_NESTING, 1_000_000).readValue(p, 0);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("trailing content after the JSON value");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
    }

    static byte[] write(Object tree) {
        return PlainJsonWriter.toBytes(tree);
    }

    /** The value at a path of object keys, or null when any step is missing or not an object. */
    static Object at(Object tree, String... path) {
        Object node = tree;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    static String text(Object tree, String... path) {
        return at(tree, path) instanceof String s ? s : null;
    }

    static long number(Object tree, long fallback, String... path) {
        return at(tree, path) instanceof Number n ? n.longValue() : fallback;
    }

    /** The object at a path, created (with its parents) when missing; for adding settings to a template. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object tree, String... path) {
        Map<String, Object> node = (Map<String, Object>) tree;
        for (String key : path) {
            node = (Map<String, Object>) node.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
        }
        return node;
    }

    /**
     * A copy of the tree with every {@code {{name}}} inside string values replaced. Values are plain Java
     * strings, so the writer escapes them: a parameter can never inject JSON structure.
     */
    static Object substitute(Object tree, Map<String, String> params) {
        return switch (tree) {
            case String s -> substitute(s, params);
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), substitute(v, params)));
                yield copy;
            }
            case List<?> list -> {
                List<Object> copy = new ArrayList<>(list.size());
                list.forEach(v -> copy.add(substitute(v, params)));
                yield copy;
            }
            case null, default -> tree;
        };
    }

    private static String substitute(String s, Map<String, String> params) {
        if (!s.contains("{{")) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 32);
        int from = 0;
        for (int open = s.indexOf("{{"); open >= 0; open = s.indexOf("{{", from)) {
            int close = s.indexOf("}}", open);
            if (close < 0) {
                break;
            }
            String name = s.substring(open + 2, close);
            String value = params.get(name);
            out.append(s, from, open).append(value != null ? value : s.substring(open, close + 2));
            from = close + 2;
        }
        return out.append(s, from, s.length()).toString();
    }

    /** True when some string value still holds a {@code {{placeholder}}}. */
    static boolean hasPlaceholder(Object tree) {
        return switch (tree) {
            case String s -> s.contains("{{") && s.indexOf("}}", s.indexOf("{{")) > 0;
            case Map<?, ?> map -> map.values().stream().anyMatch(JsonTree::hasPlaceholder);
            case List<?> list -> list.stream().anyMatch(JsonTree::hasPlaceholder);
            case null, default -> false;
        };
    }
}
