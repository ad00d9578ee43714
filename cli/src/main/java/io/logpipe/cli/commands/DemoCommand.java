package io.logpipe.cli.commands;

import io.logpipe.cli.io.EventFormat;
import io.logpipe.cli.io.LambdaEventReader;
import io.logpipe.cli.io.LazyFileDeadLetterSink;
import io.logpipe.cli.report.DocumentStats;
import io.logpipe.cli.report.RunSummary;
import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.pipeline.LogProcessor;
import io.logpipe.processor.sink.NdjsonSink;
import io.logpipe.cli.demo.DemoNode;
import io.logpipe.cli.demo.DemoSearches;
import io.logpipe.processor.sink.opensearch.OpenSearchClients;
import io.logpipe.processor.sink.opensearch.OpenSearchSink;
import io.logpipe.processor.sink.opensearch.OpenSearchSinkConfig;
import io.logpipe.processor.sink.opensearch.index.BootstrapOptions;
import io.logpipe.processor.sink.opensearch.index.BootstrapReport;
import io.logpipe.processor.sink.opensearch.index.IndexBootstrapper;
import io.logpipe.testkit.fixtures.CorpusGenerator;
import io.logpipe.testkit.servers.OpenSearchServer;
import org.opensearch.client.opensearch.OpenSearchClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ./logpipe demo}: generate a realistic corpus (Lambda, FireLens, EC2 and nginx log groups, with
 * secrets to redact and stack traces split over several events), process it, and show what came out.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Generate a realistic corpus, process it, and summarise the documents;",
                "then start a real OpenSearch node, index the corpus through the Lambda's sink and search it."})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--payloads", defaultValue = "200", description = "CloudWatch payloads to generate (default: ${DEFAULT-VALUE}).")
    int payloads;

    @Option(names = "--seed", defaultValue = "42", description = "Corpus seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "target/demo", description = "Working directory (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--opensearch", paramLabel = "URL",
            description = "Index into this node instead of starting a local one.")
    URI opensearch;

    @Option(names = "--no-opensearch", description = "Only process to files; start no node.")
    boolean noOpenSearch;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(dir);
        Path corpus = dir.resolve("events.ndjson");
        Path documents = dir.resolve("documents.ndjson");
        Path deadLetterFile = dir.resolve("dead-letters.ndjson");
        Files.deleteIfExists(deadLetterFile);
        CorpusGenerator.Stats generated = new CorpusGenerator(seed).writeCloudWatch(corpus, payloads, 20, 200);
        out.printf("generated %,d CloudWatch payloads with %,d log events -> %s%n%n", generated.payloads(), generated.events(), corpus);

        RunSummary summary = new RunSummary();
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(corpus);
             OutputStream docs = new BufferedOutputStream(Files.newOutputStream(documents), 1 << 16);
             LazyFileDeadLetterSink deadLetters = new LazyFileDeadLetterSink(deadLetterFile);
             NdjsonSink sink = new NdjsonSink(docs, null)) {
            PipelineConfig config = PipelineConfig.fromEnv(System.getenv());
            ProcessCommand.run(new LambdaEventReader(in, config.limits().maxEventBytes()), EventFormat.CLOUDWATCH,
                    new LogProcessor(config, sink, deadLetters), deadLetters, summary);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("processed in %.2f s (%,.0f events/s, one thread, cold JVM)%n", seconds, summary.eventsIn() / seconds);
        summary.print(out);
        out.println();
        DocumentStats.of(documents).print(out);
        out.printf("%ndocuments: %s%n", documents.toAbsolutePath());
        if (summary.anyDeadLetters()) {
            out.printf("dead letters: %s%n", deadLetterFile.toAbsolutePath());
        }
        if (!noOpenSearch) {
            indexAndSearch(corpus, out);
        }
        return summary.conserved() ? 0 : 1;
    }

    /** Starts (or uses) a node, bootstraps it, indexes the corpus through the Lambda's sink, and searches it. */
    private void indexAndSearch(Path corpus, PrintWriter out) throws Exception {
        out.println();
        OpenSearchServer started = opensearch == null ? DemoNode.start(out) : null;
        URI node = opensearch != null ? opensearch : started.httpUri();
        try {
            OpenSearchSinkConfig config = OpenSearchSinkConfig.local(node);
            try (var transport = OpenSearchClients.create(config)._transport()) {
                OpenSearchClient client = new OpenSearchClient(transport);
                BootstrapReport report = new IndexBootstrapper(client).bootstrap(BootstrapOptions.defaults().withReplicas(0));
                out.println("bootstrap: " + report);
                if (!report.ok()) {
                    throw new IllegalStateException("bootstrap failed; nothing was indexed");
                }
                RunSummary indexed = new RunSummary();
                long start = System.nanoTime();
                try (InputStream in = Files.newInputStream(corpus);
                     LazyFileDeadLetterSink deadLetters = new LazyFileDeadLetterSink(dir.resolve("dead-letters.ndjson"));
                     OpenSearchSink sink = new OpenSearchSink(config)) {
                    PipelineConfig pipeline = PipelineConfig.fromEnv(System.getenv());
                    ProcessCommand.run(new LambdaEventReader(in, pipeline.limits().maxEventBytes()), EventFormat.CLOUDWATCH,
                            new LogProcessor(pipeline, sink, deadLetters), deadLetters, indexed);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                DemoSearches searches = new DemoSearches(client, config.index());
                searches.refresh();
                out.printf("indexed %,d documents into %s in %.1f s (%,.0f docs/s); the data stream now holds %,d%n%n",
                        indexed.documents(), config.index(), seconds, indexed.documents() / seconds, searches.count());
                searches.print(out);
            }
        } finally {
            if (started != null) {
                out.println("stopping OpenSearch");
                started.close();
            }
        }
    }
}
