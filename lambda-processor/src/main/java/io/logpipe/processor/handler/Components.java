package io.logpipe.processor.handler;

import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.dlq.DeadLetterSink;
import io.logpipe.processor.dlq.FileDeadLetterSink;
import io.logpipe.processor.dlq.LoggingDeadLetterSink;
import io.logpipe.processor.dlq.S3DeadLetterConfig;
import io.logpipe.processor.dlq.S3DeadLetterSink;
import io.logpipe.processor.pipeline.LogProcessor;
import io.logpipe.processor.sink.DocumentSink;
import io.logpipe.processor.sink.DryRunSink;
import io.logpipe.processor.sink.archive.ArchiveSink;
import io.logpipe.processor.sink.archive.ArchiveSinks;
import io.logpipe.processor.sink.archive.PrimaryAndArchiveSink;
import io.logpipe.processor.sink.opensearch.OpenSearchSink;
import io.logpipe.processor.sink.opensearch.OpenSearchSinkConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the processor's collaborators from the environment, once per Lambda instance.
 * <ul>
 *   <li>{@code LOGPIPE_SINK}: {@code opensearch} (default when {@code LOGPIPE_OPENSEARCH_ENDPOINT} is set; see
 *       {@link OpenSearchSinkConfig#fromEnv}) or {@code none} (dry run: process and count, store nothing).</li>
 *   <li>{@code LOGPIPE_ARCHIVE}: {@code none} (default), {@code s3} or {@code firehose}: the documents the sink
 *       accepted also go to the data lake ({@link ArchiveSinks#fromEnv}, {@link PrimaryAndArchiveSink}).</li>
 *   <li>{@code LOGPIPE_DEAD_LETTER_FILE}: append dead letters to this file; otherwise they are logged
 *       without their original payload, which may hold secrets.</li>
 * </ul>
 */
final class Components {
    private Components() {
    }

    static LogProcessor processor(PipelineConfig config, Map<String, String> env) {
        return new LogProcessor(config, sink(env), deadLetters(env));
    }

    /** The primary sink, wrapped with the data-lake archive when one is configured. */
    static DocumentSink sink(Map<String, String> env) {
        Optional<ArchiveSink> archive = ArchiveSinks.fromEnv(env);
        DocumentSink primary;
        try {
            primary = primarySink(env);
        } catch (RuntimeException e) {
            archive.ifPresent(ArchiveSink::close);
            throw e;
        }
        return archive.<DocumentSink>map(a -> new PrimaryAndArchiveSink(primary, a)).orElse(primary);
    }

    private static DocumentSink primarySink(Map<String, String> env) {
        String fallback = env.containsKey("LOGPIPE_OPENSEARCH_ENDPOINT") ? "opensearch" : "none";
        String kind = env.getOrDefault("LOGPIPE_SINK", fallback).trim().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "opensearch" -> new OpenSearchSink(OpenSearchSinkConfig.fromEnv(env));
            case "none" -> new DryRunSink();
            default -> throw new IllegalArgumentException("LOGPIPE_SINK must be opensearch or none; was '" + kind + "'");
        };
    }

    /**
     * {@code LOGPIPE_DEAD_LETTER_BUCKET} set: one encrypted gzip NDJSON object per invocation in S3 (also
     * {@code LOGPIPE_DEAD_LETTER_PREFIX}, {@code LOGPIPE_DEAD_LETTER_KMS_KEY_ID}, {@code LOGPIPE_S3_ENDPOINT}; see
     * {@link S3DeadLetterConfig#fromEnv}); else {@code LOGPIPE_DEAD_LETTER_FILE}: appended to that file; else
     * logged without their original payloads.
     */
    static DeadLetterSink deadLetters(Map<String, String> env) {
        String bucket = env.get("LOGPIPE_DEAD_LETTER_BUCKET");
        if (bucket != null && !bucket.isBlank()) {
            return new S3DeadLetterSink(S3DeadLetterConfig.fromEnv(env));
        }
        String file = env.get("LOGPIPE_DEAD_LETTER_FILE");
        if (file == null || file.isBlank()) {
            return new LoggingDeadLetterSink(System.err);
        }
        try {
            return new FileDeadLetterSink(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open LOGPIPE_DEAD_LETTER_FILE " + file, e);
        }
    }
}
