package io.logpipe.testkit.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * OpenSearch's {@code filter_path} response filtering, for responses the proxy assembles itself.
 *
 * <p>Supported as in OpenSearch: comma-separated dotted paths; {@code *} inside a name matches any characters;
 * a {@code **} segment matches any number of levels; arrays are transparent (their elements are matched against
 * the same path); with include paths, objects and arrays left empty are dropped (so {@code items.*.error} keeps only
 * failed items, as OpenSearch does); {@code -path} excludes, applied before includes. Not supported: escaped dots.
 */
final class FilterPath {

    private final List<List<String>> includes;
    private final List<List<String>> excludes;

    private FilterPath(List<List<String>> includes, List<List<String>> excludes) {
        this.includes = includes;
        this.excludes = excludes;
    }

    /** Parses a {@code filter_path} value such as {@code items.*._id,items.*.status,-took}. */
    static FilterPath parse(String value) {
        List<List<String>> in = new ArrayList<>();
        List<List<String>> ex = new ArrayList<>();
        for (String p : value.split(",")) {
            String path = p.strip();
            if (path.startsWith("-") && path.length() > 1) {
                ex.add(List.of(path.substring(1).split("\\.")));
            } else if (!path.isEmpty()) {
                in.add(List.of(path.split("\\.")));
            }
        }
        return new FilterPath(in, ex);
    }

    /** A filtered copy of {@code root}; an object root stays an object, possibly empty. */
    JsonNode apply(JsonNode root) {
        JsonNode out = excludes.isEmpty() ? root : exclude(root, excludes);
        if (out != null && !includes.isEmpty()) {
            out = include(out, includes);
        }
        return out != null ? out : JsonNodeFactory.instance.objectNode();
    }

    /** The parts of {@code node} some state matches completely, or null when nothing does. */
    private static JsonNode include(JsonNode node, List<List<String>> states) {
        if (states.stream().anyMatch(FilterPath::isComplete)) {
            return node.deepCopy();
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> addIfPresent(out, include(e, states)));
            return out.isEmpty() ? null : out;
        }
        if (!node.isObject()) {
            return null;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            List<List<String>> next = advance(states, field.getKey());
            JsonNode kept = next.isEmpty() ? null : include(field.getValue(), next);
            if (kept != null) {
                out.set(field.getKey(), kept);
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** {@code node} without the parts some state matches completely; null when the whole node is excluded. */
    private static JsonNode exclude(JsonNode node, List<List<String>> states) {
        if (states.stream().anyMatch(FilterPath::isComplete)) {
            return null;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> addIfPresent(out, exclude(e, states)));
            return out;
        }
        if (!node.isObject()) {
            return node.deepCopy();
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            List<List<String>> next = advance(states, field.getKey());
            JsonNode kept = next.isEmpty() ? field.getValue().deepCopy() : exclude(field.getValue(), next);
            if (kept != null) {
                out.set(field.getKey(), kept);
            }
        }
        return out;
    }

    /** The remaining paths after descending into the field {@code name}. */
    private static List<List<String>> advance(List<List<String>> states, String name) {
        List<List<String>> next = new ArrayList<>();
        for (List<String> s : states) {
            step(s, name, next);
        }
        return next;
    }

    private static void step(List<String> state, String name, List<List<String>> next) {
        if (state.isEmpty()) {
            return;
        }
        String head = state.getFirst();
        if (head.equals("**")) {
            next.add(state);                   // ** consumes this level and may consume more
            step(state.subList(1, state.size()), name, next); // ... or none
        } else if (glob(head, name)) {
            next.add(state.subList(1, state.size()));
        }
    }

    private static boolean isComplete(List<String> state) {
        return state.stream().allMatch("**"::equals);
    }

    private static void addIfPresent(ArrayNode array, JsonNode node) {
        if (node != null) {
            array.add(node);
        }
    }

    /** Simple glob: {@code *} matches any run of characters, everything else literally. */
    static boolean glob(String pattern, String name) {
        if (pattern.indexOf('*') < 0) {
            return pattern.equals(name);
        }
        String[] parts = pattern.split("\\*", -1);
        if (!name.startsWith(parts[0])) {
            return false;
        }
        int pos = parts[0].length();
        for (String part : Arrays.asList(parts).subList(1, parts.length - 1)) {
            int at = name.indexOf(part, pos);
            if (at < 0) {
                return false;
            }
            pos = at + part.length();
        }
        String last = parts[parts.length - 1];
        return name.length() - pos >= last.length() && name.endsWith(last);
    }
}
