package io.logpipe.processor.pipeline;

import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.decode.CloudWatchLogsDecoder;
import io.logpipe.processor.decode.DecodedBatch;
import io.logpipe.processor.decode.EventDecoder;
import io.logpipe.processor.decode.MskEventDecoder;
import io.logpipe.processor.dlq.DeadLetterSink;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.model.SourceKind;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.DocumentSink;
import io.logpipe.processor.sink.SinkResult;
import io.logpipe.processor.sink.SinkUnavailableException;

import java.util.ArrayList;
import java.util.List;

/**
 * One Lambda event in, documents and dead letters out: decode → pipeline → sink, then dead letters.
 * Dead letters are stored only after the sink succeeded, so a failed invocation that the platform redelivers
 * does not store them twice. Both handlers and the CLI go through here. Not thread-safe.
 */
public final class LogProcessor {
    private final EventDecoder cloudWatch;
    private final EventDecoder kafka;
    private final Pipeline pipeline;
    private final DocumentSink sink;
    private final DeadLetterSink deadLetters;

    public LogProcessor(PipelineConfig config, DocumentSink sink, DeadLetterSink deadLetters) {
        this.cloudWatch = new CloudWatchLogsDecoder(config.limits());
        this.kafka = new MskEventDecoder(config.limits());
        this.pipeline = new Pipeline(config);
        this.sink = sink;
        this.deadLetters = deadLetters;
    }

    public InvocationReport process(byte[] lambdaEvent, SourceKind source, Deadline deadline)
            throws SinkUnavailableException {
        DecodedBatch batch = (source == SourceKind.KAFKA ? kafka : cloudWatch).decode(lambdaEvent);
        Pipeline.Result processed = pipeline.process(batch.records());
        SinkResult stored = processed.documents().isEmpty()
                ? new SinkResult(0, 0, List.of())
                : sink.write(processed.documents(), deadline);

        List<DeadLetter> failed = new ArrayList<>(batch.deadLetters());
        failed.addAll(processed.deadLetters());
        failed.addAll(stored.rejected());
        if (!failed.isEmpty()) {
            deadLetters.accept(failed);
        }
        return report(source, batch, processed.documents(), stored, failed);
    }

    private static InvocationReport report(SourceKind source, DecodedBatch batch, List<LogEvent> documents,
                                           SinkResult stored, List<DeadLetter> failed) {
        int eventsDeadLettered = 0;
        int payloads = 0;
        for (DeadLetter d : failed) {
            eventsDeadLettered += d.events();
            payloads += d.eventId() == null && d.source() == null ? 1 : 0;
        }
        int eventsInDocuments = 0;
        for (LogEvent e : documents) {
            eventsInDocuments += e.raw.joinedLines();
        }
        int rejectedEvents = 0;
        for (DeadLetter d : stored.rejected()) {
            rejectedEvents += d.events();
        }
        return new InvocationReport(source, batch.control(), batch.eventsIn(), stored.written(),
                eventsInDocuments - rejectedEvents, stored.duplicates(), eventsDeadLettered, payloads,
                InvocationReport.countKinds(failed));
    }
}
