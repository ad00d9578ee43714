package io.logpipe.cdk;

import io.logpipe.cdk.config.LogpipeConfig;
import io.logpipe.cdk.stacks.AlertsStack;
import io.logpipe.cdk.stacks.AppsStack;
import io.logpipe.cdk.stacks.DataLakeStack;
import io.logpipe.cdk.stacks.NetworkStack;
import io.logpipe.cdk.stacks.ProcessingStack;
import io.logpipe.cdk.stacks.SearchStack;
import io.logpipe.cdk.stacks.StreamingStack;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

import java.util.List;

/**
 * The CDK app: {@code npx cdk synth|deploy -c env=dev|prod}. Reads the environment's settings from the context
 * key {@code logpipe:<env>} (cdk.json) and creates one stack per concern, named {@code Logpipe-<Env>-<Concern>},
 * in dependency order: Network, Search, DataLake, Processing, Streaming, Apps, Alerts.
 */
public final class LogpipeApp {

    private final LogpipeConfig config;
    private final NetworkStack network;
    private final SearchStack search;
    private final ProcessingStack processing;
    private final StreamingStack streaming;
    private final DataLakeStack lake;
    private final AppsStack apps;
    private final AlertsStack alerts;

    private LogpipeApp(App app) {
        String env = contextString(app, "env", "dev");
        this.config = LogpipeConfig.fromContext(env, app.getNode().tryGetContext("logpipe:" + env));
        String prefix = "Logpipe-" + config.envTitle() + "-";

        network = new NetworkStack(app, prefix + "Network", props(), config);
        search = new SearchStack(app, prefix + "Search", props(), config, new SearchStack.Props(network.vpc()));

        lake = new DataLakeStack(app, prefix + "DataLake", props(), config);

        processing = new ProcessingStack(app, prefix + "Processing", props(), config,
                new ProcessingStack.Props(network.vpc(), search, lake.bucket(), lake.rawFirehoseArn(),
                        lake.structuredFirehoseArn()));
        streaming = config.msk().enabled()
                ? new StreamingStack(app, prefix + "Streaming", props(), config,
                        new StreamingStack.Props(network.vpc(), processing, lake.bucket()))
                : null;
        apps = new AppsStack(app, prefix + "Apps", props(), config, new AppsStack.Props(network.vpc(), streaming));
        // FireLens writes to the service log groups that ProcessingStack creates and subscribes.
        apps.addStackDependency(processing);
        alerts = new AlertsStack(app, prefix + "Alerts", props(), config, new AlertsStack.Props(
                processing.processorFunction().getFunctionName(), search.domain().getDomainName(), lake, List.of()));

        Tags.of(app).add("project", "logpipe");
        Tags.of(app).add("environment", config.env());
    }

    /** Adds every stack of the configured environment to {@code app}. */
    public static LogpipeApp build(App app) {
        return new LogpipeApp(app);
    }

    /**
     * Builds and synthesises, then checks with cdk-nag (AwsSolutions): warnings are printed, errors fail the run
     * (so `cdk synth` and `cdk deploy` stop). {@code -c nag=false} skips the check.
     */
    public static void main(String[] args) {
        App app = new App();
        build(app);
        app.synth();
        if (!"false".equals(contextString(app, "nag", "true"))) {
            List<Nag.Finding> findings = Nag.check(app);
            findings.forEach(f -> System.err.println("cdk-nag " + f));
            if (findings.stream().anyMatch(f -> "error".equals(f.severity()))) {
                System.err.println("cdk-nag: unacknowledged AwsSolutions errors (see above); failing the synthesis");
                System.exit(1);
            }
        }
    }

    /**
     * Stacks stay environment-agnostic (account and region come from the deploying credentials), so synthesis
     * needs no AWS account, makes no lookups and gives the same templates on every machine.
     */
    private static StackProps props() {
        return StackProps.builder().build();
    }

    private static String contextString(App app, String key, String fallback) {
        Object v = app.getNode().tryGetContext(key);
        return v == null ? fallback : v.toString();
    }

    public LogpipeConfig config() {
        return config;
    }

    public NetworkStack network() {
        return network;
    }

    public SearchStack search() {
        return search;
    }

    public ProcessingStack processing() {
        return processing;
    }

    public DataLakeStack lake() {
        return lake;
    }

    public AppsStack apps() {
        return apps;
    }

    public AlertsStack alerts() {
        return alerts;
    }

    /** Null when msk.enabled is false. */
    public StreamingStack streaming() {
        return streaming;
    }
}
