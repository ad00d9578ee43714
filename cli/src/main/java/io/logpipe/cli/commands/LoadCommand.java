package io.logpipe.cli.commands;

import io.logpipe.cli.LogpipeCli;
import io.logpipe.cli.load.LoadOptions;
import io.logpipe.cli.load.LoadReport;
import io.logpipe.cli.load.LoadSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code ./logpipe load}: drive the ingestion API (ingest-api) with concurrent requests and report throughput,
 * latency percentiles and errors. Exit 0 only when every event was accepted (202).
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Post events concurrently to the ingestion API and report throughput, latency p50/p95/p99 and "
                + "errors. Point it at your own (loopback) API only.")
public final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8081", description = "The API's base URL (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--endpoint", defaultValue = "register_event",
            description = "register_event (one event per request) or v1/logs (NDJSON batches) (default: ${DEFAULT-VALUE}).")
    String endpoint;

    @Option(names = "--events", defaultValue = "10000", description = "Events to post in total (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--concurrency", defaultValue = "200", description = "Requests in flight at most (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--batch-size", defaultValue = "1", description = "Events per request with --endpoint v1/logs (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--duration", defaultValue = "PT60S",
            description = "Start no request after this long, ISO-8601 (default: ${DEFAULT-VALUE}); unsent events count as errors.")
    Duration duration;

    @Option(names = "--timeout", defaultValue = "PT30S", description = "Per-request timeout (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--json", description = "Print the report as one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LoadOptions options;
        try {
            options = new LoadOptions(url, LoadOptions.Endpoint.parse(endpoint), events, concurrency, batchSize, duration, timeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        LoadReport report = new LoadSimulator(options).run();
        spec.commandLine().getOut().print(json ? report.toJson() + System.lineSeparator() : report.toText());
        spec.commandLine().getOut().flush();
        return report.allAccepted() ? LogpipeCli.EXIT_OK : LogpipeCli.EXIT_FAILURE;
    }
}
