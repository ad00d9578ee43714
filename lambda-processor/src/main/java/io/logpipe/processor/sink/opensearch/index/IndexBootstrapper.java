package io.logpipe.processor.sink.opensearch.index;

import io.logpipe.processor.sink.opensearch.index.BootstrapReport.Outcome;
import io.logpipe.processor.sink.opensearch.index.BootstrapReport.Step;
import org.opensearch.client.opensearch.OpenSearchClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the cluster in the shape the processor writes into: index template, ISM policy, writer role and
 * mapping, data stream. Idempotent and safe to run again, or from two places at once: every step reads
 * first, writes only what is missing or different (the template is always PUT, which is a no-op when
 * identical), and treats losing a race to another bootstrap as success. Plugins are feature-detected:
 * ISM and security steps are skipped, with the reason, where the plugin is absent (local nodes).
 *
 * <p>Order matters: the ISM policy exists before the data stream is created, so its first backing index
 * is managed from birth. Stops at the first failed step. A plain class, no CLI types: the CLI and a CDK
 * custom resource share it. Logs nothing; the caller prints the report, which holds no secrets.
 */
public final class IndexBootstrapper {
    private final RestCalls rest;

    public IndexBootstrapper(OpenSearchClient client) {
        this.rest = new RestCalls(client);
    }

    /** One bootstrap with a client opened for it alone, closed afterwards (the CLI and the custom resource). */
    public static BootstrapReport runOnce(OpenSearchClient client, BootstrapOptions options) {
        try {
            return new IndexBootstrapper(client).bootstrap(options);
        } finally {
            try {
                client._transport().close();
            } catch (Exception e) {
                // closing a client we are done with: nothing to do
            }
        }
    }

    public BootstrapReport bootstrap(BootstrapOptions options) {
        String ds = options.dataStream();
        IndexResources.Rendered template = IndexResources.indexTemplate(options);
        Run run = new Run();
        Boolean existed = run.read("data stream " + ds, () -> DataStreamStep.exists(rest, ds));
        if (existed == null || !run.step("index template " + ds, () -> TemplateStep.apply(rest, ds, template))) {
            return run.report();
        }
        boolean templateChanged = run.steps.getLast().outcome() != Outcome.UNCHANGED;
        Plugins plugins = run.read("plugins", () -> Plugins.detect(rest));
        if (plugins == null
                || !run.step("ISM policy " + IndexResources.ismPolicyId(options), () -> ismPolicy(options, plugins, existed))
                || !securitySteps(run, options, plugins)
                || !run.step("data stream " + ds, () -> DataStreamStep.ensure(rest, ds, existed))) {
            return run.report();
        }
        if (existed && templateChanged) {
            run.step("backing indices of " + ds, () -> MappingSyncStep.apply(rest, ds, template));
        }
        return run.report();
    }

    private Step ismPolicy(BootstrapOptions options, Plugins plugins, boolean dataStreamExists) throws IOException {
        String id = IndexResources.ismPolicyId(options);
        if (!plugins.has(Plugins.INDEX_MANAGEMENT)) {
            return new Step("ISM policy " + id, Outcome.SKIPPED, plugins.missing(Plugins.INDEX_MANAGEMENT)
                    + "; backing indices are never rolled over or deleted");
        }
        return IsmPolicyStep.apply(rest, id, options.dataStream(), IndexResources.ismPolicy(options), dataStreamExists);
    }

    private boolean securitySteps(Run run, BootstrapOptions options, Plugins plugins) {
        String role = IndexResources.WRITER_ROLE;
        String why = !plugins.has(Plugins.SECURITY) ? plugins.missing(Plugins.SECURITY)
                : options.roleArn() == null ? "no role ARN given" : null;
        if (why != null) {
            run.steps.add(new Step("security role " + role, Outcome.SKIPPED, why));
            run.steps.add(new Step("role mapping " + role, Outcome.SKIPPED, why));
            return true;
        }
        return run.step("security role " + role, () -> SecurityStep.role(rest, role, IndexResources.role(options)))
                && run.step("role mapping " + role, () -> SecurityStep.mapping(rest, role, options.roleArn(),
                IndexResources.roleMapping(options)));
    }

    /** The steps so far; turns an exception into a failed step named after what was being attempted. */
    private static final class Run {
        final List<Step> steps = new ArrayList<>();

        interface Action<T> {
            T call() throws IOException;
        }

        boolean step(String name, Action<Step> action) {
            Step step;
            try {
                step = action.call();
            } catch (IOException | RuntimeException e) {
                step = failed(name, e);
            }
            steps.add(step);
            return step.outcome() != Outcome.FAILED;
        }

        /** Runs a read; on failure records a failed step and returns null. */
        <T> T read(String name, Action<T> action) {
            try {
                return action.call();
            } catch (IOException | RuntimeException e) {
                steps.add(failed(name, e));
                return null;
            }
        }

        BootstrapReport report() {
            return new BootstrapReport(steps);
        }

        // Connection refused, TLS, SigV4 credentials, unexpected replies: the report says what and where.
        private static Step failed(String name, Exception e) {
            String message = e.getMessage() == null ? "" : e.getMessage().replace('\n', ' ');
            if (message.length() > 300) {
                message = message.substring(0, 300) + "...";
            }
            return new Step(name, Outcome.FAILED,
                    e instanceof BootstrapException ? message : e.getClass().getSimpleName() + ": " + message);
        }
    }
}
