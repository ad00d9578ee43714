package io.logpipe.processor.sink.opensearch.index;

import io.logpipe.processor.sink.opensearch.index.BootstrapReport.Outcome;
import io.logpipe.processor.sink.opensearch.index.BootstrapReport.Step;

import java.io.IOException;
import java.util.List;

/** Creates the data stream when missing; losing a creation race to another bootstrap is fine. */
final class DataStreamStep {
    private static final String ALREADY_EXISTS = "resource_already_exists_exception";

    private DataStreamStep() {
    }

    /**
     * Whether the data stream exists. Fails when an index or alias holds the name instead (typically a plain
     * index auto-created by writes that came before the template): no data stream can be created over it, so
     * the bootstrap stops before changing anything.
     */
    static boolean exists(RestCalls rest, String name) throws IOException {
        RestCalls.Reply reply = rest.get("/_data_stream/" + name);
        if (!reply.ok() && reply.status() != 404) {
            throw new BootstrapException("cannot read data stream " + name + ": " + reply.error());
        }
        if (reply.ok() && JsonTree.at(reply.json(), "data_streams") instanceof List<?> list && !list.isEmpty()) {
            return true;
        }
        RestCalls.Reply resolved = rest.get("/_resolve/index/" + name);
        if (resolved.ok() && (named(resolved.json(), "indices", name) || named(resolved.json(), "aliases", name))) {
            throw new BootstrapException("an index or alias named " + name + " already exists, so no data stream "
                    + "can be created; reindex and delete it, then bootstrap again");
        }
        return false;
    }

    private static boolean named(Object resolved, String kind, String name) {
        return JsonTree.at(resolved, kind) instanceof List<?> list
                && list.stream().anyMatch(entry -> name.equals(JsonTree.text(entry, "name")));
    }

    static Step ensure(RestCalls rest, String name, boolean existed) throws IOException {
        String stepName = "data stream " + name;
        if (existed) {
            return new Step(stepName, Outcome.UNCHANGED, "exists");
        }
        RestCalls.Reply put = rest.put("/_data_stream/" + name, null);
        if (put.ok()) {
            return new Step(stepName, Outcome.CREATED, "");
        }
        if (ALREADY_EXISTS.equals(put.errorType()) && exists(rest, name)) {
            return new Step(stepName, Outcome.UNCHANGED, "created concurrently");
        }
        // e.g. a plain index named like the stream, auto-created by writes that came before the template
        return new Step(stepName, Outcome.FAILED, put.error());
    }
}
