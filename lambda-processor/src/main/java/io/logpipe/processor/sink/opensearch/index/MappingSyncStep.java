package io.logpipe.processor.sink.opensearch.index;

import io.logpipe.processor.sink.opensearch.index.BootstrapReport.Outcome;
import io.logpipe.processor.sink.opensearch.index.BootstrapReport.Step;

import java.io.IOException;

/**
 * A changed template only shapes backing indices created later, and with a strict mapping the current write
 * index would reject every document that carries a newly added field until the next rollover (up to a day).
 * So after a template change the mappings and dynamic settings are also put on the existing backing indices;
 * when the mapping change is not additive (a type change), the stream is rolled over instead, so new
 * documents go to an index built from the new template.
 */
final class MappingSyncStep {
    private MappingSyncStep() {
    }

    static Step apply(RestCalls rest, String dataStream, IndexResources.Rendered template) throws IOException {
        String stepName = "backing indices of " + dataStream;
        RestCalls.Reply settings = rest.put("/" + dataStream + "/_settings", IndexResources.dynamicSettings(template));
        if (!settings.ok()) {
            return new Step(stepName, Outcome.FAILED, "settings: " + settings.error());
        }
        RestCalls.Reply mapping = rest.put("/" + dataStream + "/_mapping", IndexResources.mappings(template));
        if (mapping.ok()) {
            return new Step(stepName, Outcome.UPDATED, "mappings and settings follow the new template");
        }
        RestCalls.Reply rollover = rest.post("/" + dataStream + "/_rollover", null);
        if (!rollover.ok()) {
            return new Step(stepName, Outcome.FAILED, "mapping: " + mapping.error() + "; rollover: " + rollover.error());
        }
        return new Step(stepName, Outcome.UPDATED, "mapping change is not additive (" + mapping.error()
                + "); rolled over to " + JsonTree.text(rollover.json(), "new_index"));
    }
}
