package io.logpipe.cli.commands;

import io.logpipe.cli.LogpipeCli;
import io.logpipe.cli.io.EventFormat;
import io.logpipe.cli.io.LambdaEventReader;
import io.logpipe.cli.io.LazyFileDeadLetterSink;
import io.logpipe.cli.report.RunSummary;
import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.dlq.DeadLetterSink;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.FailureKind;
import io.logpipe.processor.model.Stage;
import io.logpipe.processor.pipeline.LogProcessor;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.DocumentSink;
import io.logpipe.processor.sink.NdjsonSink;
import io.logpipe.processor.sink.opensearch.OpenSearchSink;
import io.logpipe.processor.sink.opensearch.OpenSearchSinkConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./logpipe process}: Lambda events in (file or stdin), one document per line out, summary on stderr. */
@Command(name = "process", mixinStandardHelpOptions = true,
        description = {"Process Lambda events (one per line, or one pretty-printed event) into ECS documents.",
                "Documents go to stdout, one per line; the summary goes to stderr.",
                "Exit codes: 0 all accounted for, 1 failure, 2 usage, 3 some input dead-lettered."})
public final class ProcessCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, description = "Input file, or - for stdin.")
    String input;

    @Option(names = {"-f", "--format"}, defaultValue = "auto",
            description = "Event kind: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    EventFormat format;

    @Option(names = "--dead-letter", description = "Append dead letters (JSON lines) to this file (default: dead-letters.ndjson).",
            defaultValue = "dead-letters.ndjson")
    Path deadLetterFile;

    @Option(names = {"-o", "--output"}, description = "Write documents here instead of stdout.")
    Path output;

    @Option(names = "--bulk", description = "Precede each document with an OpenSearch bulk create action line.")
    boolean bulk;

    @Option(names = "--index", defaultValue = "app-logs", description = "Index or data stream (default: ${DEFAULT-VALUE}).")
    String index;

    @Option(names = "--opensearch", paramLabel = "URL",
            description = "Index into this OpenSearch node through the Lambda's own sink instead of printing documents.")
    java.net.URI opensearch;

    @Override
    public Integer call() throws Exception {
        PipelineConfig config = PipelineConfig.fromEnv(System.getenv());
        RunSummary summary = new RunSummary();
        try (InputStream in = input.equals("-") ? System.in : Files.newInputStream(Path.of(input));
             OutputStream docs = new BufferedOutputStream(output == null ? System.out : Files.newOutputStream(output), 1 << 16);
             DeadLetterSink deadLetters = new LazyFileDeadLetterSink(deadLetterFile);
             DocumentSink sink = opensearch != null ? new OpenSearchSink(OpenSearchSinkConfig.fromEnv(opensearchEnv()))
                     : new NdjsonSink(docs, bulk ? index : null)) {
            LogProcessor processor = new LogProcessor(config, sink, deadLetters);
            run(new LambdaEventReader(in, config.limits().maxEventBytes()), format, processor, deadLetters, summary);
        }
        summary.print(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        if (summary.anyDeadLetters()) {
            spec.commandLine().getErr().println("dead letters written to " + deadLetterFile.toAbsolutePath());
            return LogpipeCli.EXIT_DEAD_LETTERS;
        }
        return LogpipeCli.EXIT_OK;
    }

    /** The sink's settings: the URL and index given here, anything else from LOGPIPE_OPENSEARCH_* variables. */
    private java.util.Map<String, String> opensearchEnv() {
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("LOGPIPE_OPENSEARCH_ENDPOINT", opensearch.toString());
        env.put("LOGPIPE_OPENSEARCH_INDEX", index);
        return env;
    }

    /** Feeds every input event to the processor; shared with {@code demo}. */
    public static void run(LambdaEventReader reader, EventFormat format, LogProcessor processor, DeadLetterSink deadLetters,
                           RunSummary summary) throws Exception {
        for (LambdaEventReader.Item item = reader.next(); item != null; item = reader.next()) {
            if (item.tooLong()) {
                deadLetters.accept(List.of(DeadLetter.ofPayload(Stage.DECODE, FailureKind.INPUT_TOO_LARGE,
                        "input line " + item.lineNumber() + " has " + item.fullLength() + " bytes, over the "
                                + item.bytes().length + "-byte limit; its first bytes are kept",
                        new String(item.bytes(), 0, Math.min(item.bytes().length, 65_536), StandardCharsets.UTF_8))));
                summary.addUnreadable(FailureKind.INPUT_TOO_LARGE.label());
                continue;
            }
            summary.add(processor.process(item.bytes(), format.kindOf(item.bytes()), Deadline.none()));
        }
    }
}
