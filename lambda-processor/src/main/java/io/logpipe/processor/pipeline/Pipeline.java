package io.logpipe.processor.pipeline;

import io.logpipe.processor.clean.EventCleaner;
import io.logpipe.processor.clean.TimestampPolicy;
import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.enrich.EventEnricher;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.FailureKind;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.model.RawLogRecord;
import io.logpipe.processor.model.Stage;
import io.logpipe.processor.parse.EventParser;
import io.logpipe.processor.redact.DocumentRedactor;
import io.logpipe.processor.redact.Redactor;

import java.util.ArrayList;
import java.util.List;

/**
 * parse → clean → redact → enrich for each record, in that order and never back. Each record is isolated:
 * if any stage throws, that record alone becomes a dead letter naming the stage, and the batch goes on.
 * Not thread-safe; build one per thread (Lambda runs one invocation at a time per instance).
 */
public final class Pipeline {
    private final EventParser parser;
    private final EventCleaner cleaner;
    private final DocumentRedactor redactor;
    private final EventEnricher enricher;

    public Pipeline(PipelineConfig config) {
        this.parser = new EventParser(config.limits(), config.csvHeaders());
        this.cleaner = new EventCleaner(new TimestampPolicy(config.maxTimestampPast(), config.maxTimestampFuture()),
                config.limits());
        this.redactor = new DocumentRedactor(new Redactor(config.redaction()));
        this.enricher = new EventEnricher(config);
    }

    /** Documents and dead letters of one batch. */
    public record Result(List<LogEvent> documents, List<DeadLetter> deadLetters) {
    }

    public Result process(List<RawLogRecord> records) {
        List<LogEvent> documents = new ArrayList<>(records.size());
        List<DeadLetter> deadLetters = new ArrayList<>(0);
        for (RawLogRecord record : records) {
            LogEvent e = new LogEvent(record);
            Stage stage = Stage.PARSE;
            try {
                parser.parse(e);
                stage = Stage.CLEAN;
                cleaner.clean(e);
                stage = Stage.REDACT;
                redactor.redact(e);
                stage = Stage.ENRICH;
                enricher.enrich(e);
                documents.add(e);
            } catch (RuntimeException | StackOverflowError failure) {
                deadLetters.add(DeadLetter.ofEvent(stage, FailureKind.PROCESSING_ERROR,
                        stage.label() + " failed: " + failure, record));
            }
        }
        return new Result(documents, deadLetters);
    }
}
