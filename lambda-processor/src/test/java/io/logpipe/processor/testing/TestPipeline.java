package io.logpipe.processor.testing;

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
import io.logpipe.testkit.fixtures.CloudWatchEvents;
import io.logpipe.testkit.fixtures.CorpusGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs Lambda events through the real {@link LogProcessor}: documents are serialised by the production
 * {@link NdjsonSink} into memory and parsed back with Jackson, dead letters are collected. One processor is
 * reused across runs, as one Lambda instance reuses it across invocations.
 */
public final class TestPipeline {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** 2024-03-12T10:15:32Z, the testkit corpus' base time. */
    public static final long TS = CorpusGenerator.BASE_TIMESTAMP;

    private final CapturingSink sink = new CapturingSink();
    private final CollectingDeadLetters deadLetters = new CollectingDeadLetters();
    private final LogProcessor processor;

    public TestPipeline() {
        this(PipelineConfig.defaults());
    }

    public TestPipeline(PipelineConfig config) {
        this.processor = new LogProcessor(config, sink, deadLetters);
    }

    public static TestPipeline withEnv(Map<String, String> env) {
        return new TestPipeline(PipelineConfig.fromEnv(env));
    }

    public Run cloudWatch(String lambdaEvent) {
        return process(lambdaEvent.getBytes(StandardCharsets.UTF_8), SourceKind.CLOUDWATCH);
    }

    public Run cloudWatch(CloudWatchEvents payload) {
        return cloudWatch(payload.toLambdaEvent());
    }

    /** One CloudWatch payload with one event per message, {@link #TS} + i millis apart. */
    public Run lines(String logGroup, String logStream, List<String> messages) {
        CloudWatchEvents payload = CloudWatchEvents.payload(logGroup, logStream);
        for (int i = 0; i < messages.size(); i++) {
            payload.event(TS + i, messages.get(i));
        }
        return cloudWatch(payload);
    }

    public Run lines(String logGroup, String... messages) {
        return lines(logGroup, "stream-1", List.of(messages));
    }

    /** A single event in a neutral log group (no service naming rule matches it). */
    public Run line(String message) {
        return lines("/custom/app", message);
    }

    public Run kafka(String lambdaEvent) {
        return process(lambdaEvent.getBytes(StandardCharsets.UTF_8), SourceKind.KAFKA);
    }

    public Run process(byte[] lambdaEvent, SourceKind source) {
        sink.reset();
        deadLetters.reset();
        InvocationReport report;
        try {
            report = processor.process(lambdaEvent, source, Deadline.none());
        } catch (SinkUnavailableException e) {
            throw new AssertionError("in-memory sink cannot be unavailable", e);
        }
        String ndjson = sink.out.toString(StandardCharsets.UTF_8);
        List<JsonNode> documents = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (!line.isEmpty()) {
                try {
                    documents.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("document is not valid JSON: " + line, e);
                }
            }
        }
        return new Run(report, List.copyOf(sink.events), List.copyOf(documents), List.copyOf(deadLetters.stored),
                ndjson);
    }

    /** What one invocation produced. */
    public record Run(InvocationReport report, List<LogEvent> events, List<JsonNode> documents,
                      List<DeadLetter> deadLetters, String ndjson) {

        /** The only document; fails when there is not exactly one. */
        public JsonNode single() {
            if (documents.size() != 1) {
                throw new AssertionError("expected exactly 1 document but got " + documents.size() + ":\n" + ndjson
                        + "\ndead letters: " + deadLetters);
            }
            return documents.getFirst();
        }

        public JsonNode document(int index) {
            return documents.get(index);
        }

        /** The only dead letter; fails when there is not exactly one. */
        public DeadLetter singleDeadLetter() {
            if (deadLetters.size() != 1) {
                throw new AssertionError("expected exactly 1 dead letter but got " + deadLetters);
            }
            return deadLetters.getFirst();
        }
    }

    /** Keeps the {@link LogEvent}s and serialises them with the production NDJSON sink. */
    private static final class CapturingSink implements DocumentSink {
        final List<LogEvent> events = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NdjsonSink ndjson = new NdjsonSink(out, null);

        void reset() {
            events.clear();
            out = new ByteArrayOutputStream();
            ndjson = new NdjsonSink(out, null);
        }

        @Override
        public SinkResult write(List<LogEvent> documents, Deadline deadline) {
            events.addAll(documents);
            return ndjson.write(documents, deadline);
        }
    }

    private static final class CollectingDeadLetters implements DeadLetterSink {
        final List<DeadLetter> stored = new ArrayList<>();

        void reset() {
            stored.clear();
        }

        @Override
        public void accept(List<DeadLetter> deadLetters) {
            stored.addAll(deadLetters);
        }
    }
}
