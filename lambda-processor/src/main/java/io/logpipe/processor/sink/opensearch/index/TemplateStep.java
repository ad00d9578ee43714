package io.logpipe.processor.sink.opensearch.index;

import io.logpipe.processor.sink.opensearch.index.BootstrapReport.Outcome;
import io.logpipe.processor.sink.opensearch.index.BootstrapReport.Step;

import java.io.IOException;
import java.util.List;

/** PUTs the composable index template every time (identical content is a no-op on the cluster). */
final class TemplateStep {
    private TemplateStep() {
    }

    static Step apply(RestCalls rest, String name, IndexResources.Rendered template) throws IOException {
        String path = "/_index_template/" + name;
        String stepName = "index template " + name;
        RestCalls.Reply current = rest.get(path);
        if (!current.ok() && current.status() != 404) {
            return new Step(stepName, Outcome.FAILED, current.error());
        }
        String applied = current.ok() ? appliedFingerprint(current.json()) : null;
        RestCalls.Reply put = rest.put(path, template.tree());
        if (!put.ok()) {
            return new Step(stepName, Outcome.FAILED, put.error());
        }
        if (!current.ok()) {
            return new Step(stepName, Outcome.CREATED, "fingerprint " + template.fingerprint());
        }
        if (template.fingerprint().equals(applied)) {
            return new Step(stepName, Outcome.UNCHANGED, "fingerprint " + template.fingerprint());
        }
        return new Step(stepName, Outcome.UPDATED, "fingerprint " + applied + " -> " + template.fingerprint());
    }

    /** {@code index_templates[0].index_template._meta.fingerprint} of a GET _index_template/<name> reply. */
    private static String appliedFingerprint(Object reply) {
        if (JsonTree.at(reply, "index_templates") instanceof List<?> list && !list.isEmpty()) {
            return JsonTree.text(list.getFirst(), "index_template", "_meta", "fingerprint");
        }
        return null;
    }
}
