package io.logpipe.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.dlq.DeadLetterSink;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.model.SourceKind;
import io.logpipe.processor.pipeline.InvocationReport;
import io.logpipe.processor.pipeline.LogProcessor;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.DocumentSink;
import io.logpipe.processor.sink.NdjsonSink;
import io.logpipe.processor.sink.SinkResult;
import io.logpipe.processor.sink.SinkUnavailableException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The real processor as the Lambda builds it ({@link PipelineConfig#defaults()}), writing documents with the
 * production NDJSON sink into memory and keeping dead letters, as the CLI's {@code process} does.
 */
final class ProcessorHarness {
    static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final List<InvocationReport> reports = new ArrayList<>();
    private final LogProcessor processor;

    ProcessorHarness() {
        NdjsonSink ndjsonSink = new NdjsonSink(ndjson, null);
        DocumentSink sink = new DocumentSink() {
            @Override
            public SinkResult write(List<LogEvent> documents, Deadline deadline) {
                return ndjsonSink.write(documents, deadline);
            }
        };
        DeadLetterSink dead = deadLetters::addAll;
        this.processor = new LogProcessor(PipelineConfig.defaults(), sink, dead);
    }

    InvocationReport cloudWatch(String lambdaEvent) {
        try {
            InvocationReport report = processor.process(lambdaEvent.getBytes(StandardCharsets.UTF_8), SourceKind.CLOUDWATCH,
                    Deadline.none());
            reports.add(report);
            return report;
        } catch (SinkUnavailableException e) {
            throw new AssertionError("an in-memory sink is never unavailable", e);
        }
    }

    String ndjson() {
        return ndjson.toString(StandardCharsets.UTF_8);
    }

    List<JsonNode> documents() {
        List<JsonNode> docs = new ArrayList<>();
        for (String line : ndjson().split("\n")) {
            if (!line.isEmpty()) {
                try {
                    docs.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("not a JSON document: " + line, e);
                }
            }
        }
        return docs;
    }

    List<DeadLetter> deadLetters() {
        return deadLetters;
    }

    List<InvocationReport> reports() {
        return reports;
    }
}
