package io.logpipe.cli.commands;

import io.logpipe.cli.LogpipeCli;
import io.logpipe.processor.sink.opensearch.OpenSearchClients;
import io.logpipe.processor.sink.opensearch.OpenSearchSinkConfig;
import io.logpipe.processor.sink.opensearch.index.BootstrapOptions;
import io.logpipe.processor.sink.opensearch.index.BootstrapReport;
import io.logpipe.processor.sink.opensearch.index.IndexBootstrapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./logpipe bootstrap}: apply the index template, ISM policy, writer role and data stream
 * (docs/opensearch.md). Safe to run again; prints one line per step. The password is read from a named
 * environment variable, never from the command line, and is never printed.
 */
@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        description = "Create or update the OpenSearch index template, ISM policy, writer role and data stream.")
public final class BootstrapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--opensearch", required = true, paramLabel = "URL",
            description = "Cluster URL, e.g. http://127.0.0.1:9200 or https://search-x.eu-west-1.es.amazonaws.com "
                    + "(SigV4 with the default AWS credentials for *.amazonaws.com).")
    URI opensearch;

    @Option(names = "--data-stream", defaultValue = "app-logs", description = "Data stream (default: ${DEFAULT-VALUE}).")
    String dataStream;

    @Option(names = "--retention-days", defaultValue = "30",
            description = "Delete backing indices this many days after rollover (ISM; default: ${DEFAULT-VALUE}).")
    int retentionDays;

    @Option(names = "--replicas", paramLabel = "N",
            description = "Replicas of new backing indices (default: the cluster's; use 0 on a single node).")
    Integer replicas;

    @Option(names = "--refresh-interval", defaultValue = "1s", description = "Index refresh interval (default: ${DEFAULT-VALUE}).")
    String refreshInterval;

    @Option(names = "--role-arn", paramLabel = "ARN",
            description = "The processor Lambda's IAM role, mapped to the logpipe_writer role (security plugin only).")
    String roleArn;

    @Option(names = "--username", description = "Basic-auth user (local secured clusters).")
    String username;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the basic-auth password.")
    String passwordEnv;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BootstrapOptions options;
        OpenSearchSinkConfig config;
        try {
            options = new BootstrapOptions(dataStream, retentionDays, replicas, roleArn, refreshInterval);
            config = OpenSearchSinkConfig.fromEnv(clientEnv());
        } catch (IllegalArgumentException e) {
            err.println("logpipe bootstrap: " + e.getMessage());
            return LogpipeCli.EXIT_FAILURE;
        }
        out.printf("bootstrapping %s on %s (%s auth)%n", options.dataStream(), config.endpoint(),
                config.auth().name().toLowerCase(java.util.Locale.ROOT));
        OpenSearchClient client = OpenSearchClients.create(config);
        BootstrapReport report = IndexBootstrapper.runOnce(client, options);
        report.steps().forEach(step -> out.println("  " + step));
        out.println(report.ok() ? (report.noChanges() ? "ok: nothing to change" : "ok") : "failed");
        out.flush();
        return report.ok() ? LogpipeCli.EXIT_OK : LogpipeCli.EXIT_FAILURE;
    }

    /** The client settings in the sink's own terms, so both authenticate the same way. */
    private Map<String, String> clientEnv() {
        if (opensearch.getUserInfo() != null) {
            throw new IllegalArgumentException("put no credentials in the URL; use --username and --password-env");
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("LOGPIPE_OPENSEARCH_ENDPOINT", opensearch.toString());
        env.put("LOGPIPE_OPENSEARCH_INDEX", dataStream);
        if (username != null || passwordEnv != null) {
            if (username == null || passwordEnv == null) {
                throw new IllegalArgumentException("--username and --password-env go together");
            }
            String password = System.getenv(passwordEnv);
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("environment variable " + passwordEnv + " is not set");
            }
            env.put("LOGPIPE_OPENSEARCH_AUTH", "basic");
            env.put("LOGPIPE_OPENSEARCH_USERNAME", username);
            env.put("LOGPIPE_OPENSEARCH_PASSWORD", password);
        }
        return env;
    }
}
