package io.logpipe.processor.sink.opensearch.index;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plugin components installed on the cluster, from {@code GET _cat/plugins?format=json}. The integ-test
 * distribution has none; Amazon OpenSearch Service has index management and (with fine-grained access
 * control) security.
 *
 * @param components   component names, e.g. {@code opensearch-index-management}
 * @param unknownWhy   null when the list was read, else why it could not be (then {@link #has} is false)
 */
record Plugins(Set<String> components, String unknownWhy) {
    static final String INDEX_MANAGEMENT = "opensearch-index-management";
    static final String SECURITY = "opensearch-security";

    static Plugins detect(RestCalls rest) throws IOException {
        RestCalls.Reply reply = rest.call("GET", "/_cat/plugins", java.util.Map.of("format", "json"), null);
        if (!reply.ok()) {
            return new Plugins(Set.of(), "plugin list unavailable: " + reply.error());
        }
        Set<String> components = new TreeSet<>();
        if (reply.json() instanceof List<?> rows) {
            for (Object row : rows) {
                String component = JsonTree.text(row, "component");
                if (component != null) {
                    components.add(component);
                }
            }
        }
        return new Plugins(Set.copyOf(components), null);
    }

    boolean has(String component) {
        return components.contains(component);
    }

    /** Why a step that needs {@code component} is skipped. */
    String missing(String component) {
        return unknownWhy != null ? unknownWhy : component + " is not installed";
    }
}
