package io.logpipe.processor.handler;

import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.dlq.DeadLetterSink;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.pipeline.LogProcessor;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.DocumentSink;
import io.logpipe.processor.sink.SinkResult;
import io.logpipe.processor.sink.SinkUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Handlers wired to in-memory sinks and a captured metrics stream. */
final class HandlerTestSupport {
    final List<LogEvent> documents = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final ByteArrayOutputStream metricsOut = new ByteArrayOutputStream();
    final Invocations invocations;

    private HandlerTestSupport(PipelineConfig config, boolean sinkDown) {
        DocumentSink sink = sinkDown ? (docs, deadline) -> {
            throw new SinkUnavailableException("OpenSearch returned 503 for 3 attempts", 0, docs.size(), null);
        } : new DocumentSink() {
            @Override
            public SinkResult write(List<LogEvent> docs, Deadline deadline) {
                documents.addAll(docs);
                return new SinkResult(docs.size(), 0, List.of());
            }
        };
        DeadLetterSink dlq = deadLetters::addAll;
        LogProcessor processor = new LogProcessor(config, sink, dlq);
        this.invocations = new Invocations(processor, config.limits().maxEventBytes(),
                new Metrics(new PrintStream(metricsOut, true, StandardCharsets.UTF_8)));
    }

    static HandlerTestSupport healthy() {
        return new HandlerTestSupport(PipelineConfig.defaults(), false);
    }

    static HandlerTestSupport healthy(PipelineConfig config) {
        return new HandlerTestSupport(config, false);
    }

    static HandlerTestSupport sinkDown() {
        return new HandlerTestSupport(PipelineConfig.defaults(), true);
    }

    static InputStream input(String event) {
        return new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8));
    }

    List<String> metricLines() {
        return metricsOut.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
