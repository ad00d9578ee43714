package io.logpipe.processor.sink.opensearch.index;

import io.logpipe.processor.sink.opensearch.index.BootstrapReport.Outcome;
import io.logpipe.processor.sink.opensearch.index.BootstrapReport.Step;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The {@code logpipe_writer} role (PUT: its content is ours) and its mapping to the Lambda's IAM role. The
 * mapping is merged, not replaced, so backend roles or users an administrator mapped by hand survive.
 */
final class SecurityStep {
    private static final String API = "/_plugins/_security/api/";

    private SecurityStep() {
    }

    static Step role(RestCalls rest, String roleName, IndexResources.Rendered role) throws IOException {
        String stepName = "security role " + roleName;
        String path = API + "roles/" + roleName;
        RestCalls.Reply current = rest.get(path);
        if (!current.ok() && current.status() != 404) {
            return new Step(stepName, Outcome.FAILED, current.error());
        }
        String description = JsonTree.text(current.json(), roleName, "description");
        if (current.ok() && description != null && description.contains(role.fingerprint())) {
            return new Step(stepName, Outcome.UNCHANGED, "fingerprint " + role.fingerprint());
        }
        RestCalls.Reply put = rest.put(path, role.tree());
        if (!put.ok()) {
            return new Step(stepName, Outcome.FAILED, put.error());
        }
        return new Step(stepName, current.ok() ? Outcome.UPDATED : Outcome.CREATED, "fingerprint " + role.fingerprint());
    }

    static Step mapping(RestCalls rest, String roleName, String roleArn, IndexResources.Rendered mapping)
            throws IOException {
        String stepName = "role mapping " + roleName;
        String path = API + "rolesmapping/" + roleName;
        RestCalls.Reply current = rest.get(path);
        if (current.status() == 404) {
            RestCalls.Reply put = rest.put(path, mapping.tree());
            return put.ok() ? new Step(stepName, Outcome.CREATED, "backend role " + roleArn)
                    : new Step(stepName, Outcome.FAILED, put.error());
        }
        if (!current.ok()) {
            return new Step(stepName, Outcome.FAILED, current.error());
        }
        if (JsonTree.at(current.json(), roleName, "backend_roles") instanceof List<?> roles && roles.contains(roleArn)) {
            return new Step(stepName, Outcome.UNCHANGED, "backend role " + roleArn);
        }
        RestCalls.Reply patch = rest.call("PATCH", path, Map.of(),
                List.of(Map.of("op", "add", "path", "/backend_roles/-", "value", roleArn)));
        return patch.ok() ? new Step(stepName, Outcome.UPDATED, "added backend role " + roleArn)
                : new Step(stepName, Outcome.FAILED, patch.error());
    }
}
