package io.logpipe.processor.sink.opensearch.index;

import io.logpipe.processor.sink.opensearch.index.BootstrapReport.Outcome;
import io.logpipe.processor.sink.opensearch.index.BootstrapReport.Step;

import java.io.IOException;
import java.util.Map;

/**
 * Creates or updates the ISM policy. ISM refuses a blind overwrite: an update must name the
 * {@code _seq_no}/{@code _primary_term} it read, so a concurrent writer makes it fail with 409 and the
 * step reads and tries again.
 *
 * <p>The policy's {@code ism_template} attaches it only to backing indices created after it exists, and a
 * managed index keeps the policy version it started with. So when the data stream already exists, a new
 * policy is added to its backing indices and a changed one is switched to with {@code change_policy}.
 */
final class IsmPolicyStep {
    private static final int ATTEMPTS = 3;

    private IsmPolicyStep() {
    }

    static Step apply(RestCalls rest, String policyId, String dataStream, IndexResources.Rendered policy,
                      boolean dataStreamExists) throws IOException {
        String stepName = "ISM policy " + policyId;
        String path = "/_plugins/_ism/policies/" + policyId;
        String lastError = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            RestCalls.Reply current = rest.get(path);
            if (current.status() == 404) {
                RestCalls.Reply put = rest.put(path, policy.tree());
                if (put.ok()) {
                    return new Step(stepName, Outcome.CREATED, attach(rest, "add", policyId, dataStream, dataStreamExists));
                }
                lastError = put.error();
            } else if (!current.ok()) {
                return new Step(stepName, Outcome.FAILED, current.error());
            } else {
                String description = JsonTree.text(current.json(), "policy", "description");
                if (description != null && description.contains(policy.fingerprint())) {
                    return new Step(stepName, Outcome.UNCHANGED, "fingerprint " + policy.fingerprint());
                }
                RestCalls.Reply put = rest.put(path, Map.of(
                        "if_seq_no", Long.toString(JsonTree.number(current.json(), -1, "_seq_no")),
                        "if_primary_term", Long.toString(JsonTree.number(current.json(), -1, "_primary_term"))),
                        policy.tree());
                if (put.ok()) {
                    return new Step(stepName, Outcome.UPDATED,
                            attach(rest, "change_policy", policyId, dataStream, dataStreamExists));
                }
                lastError = put.error();
            }
            if (lastError == null || !lastError.startsWith("HTTP 409")) {
                break;                       // only a concurrent create/update is worth another read
            }
        }
        return new Step(stepName, Outcome.FAILED, lastError);
    }

    /** {@code add} or {@code change_policy} on the existing backing indices; describes what happened. */
    private static String attach(RestCalls rest, String api, String policyId, String dataStream, boolean exists)
            throws IOException {
        if (!exists) {
            return "new backing indices pick it up through its ism_template";
        }
        RestCalls.Reply reply = rest.post("/_plugins/_ism/" + api + "/.ds-" + dataStream + "-*",
                Map.of("policy_id", policyId));
        if (!reply.ok()) {
            // Not fatal: the policy is in place for future indices; say what to run by hand.
            return "could not " + api + " on existing backing indices (" + reply.error() + ")";
        }
        return api + " on " + JsonTree.number(reply.json(), 0, "updated_indices") + " existing backing indices";
    }
}
