package io.logpipe.processor.handler;

import com.amazonaws.services.lambda.runtime.Context;
import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.model.SourceKind;
import io.logpipe.processor.pipeline.InvocationReport;
import io.logpipe.processor.pipeline.LogProcessor;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.SinkUnavailableException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What both handlers share: read the event (bounded), run it through the {@link LogProcessor}, answer with
 * the {@link InvocationReport} as JSON and emit it as EMF metrics. When the sink ran out of retries the
 * invocation throws, so CloudWatch Logs retries asynchronously and MSK redelivers the batch.
 */
final class Invocations {
    /** Time kept back from the Lambda deadline for writing dead letters and the response. */
    static final long SAFETY_MARGIN_MILLIS = 5_000;

    private final LogProcessor processor;
    private final int maxEventBytes;
    private final Metrics metrics;

    Invocations(LogProcessor processor, int maxEventBytes, Metrics metrics) {
        this.processor = processor;
        this.maxEventBytes = maxEventBytes;
        this.metrics = metrics;
    }

    static Invocations fromEnvironment() {
        Map<String, String> env = SecretEnvironment.resolve(System.getenv());
        PipelineConfig config = PipelineConfig.fromEnv(env);
        Invocations invocations = new Invocations(Components.processor(config, env), config.limits().maxEventBytes(),
                new Metrics(System.out));
        SnapStartPriming.register(config);
        return invocations;
    }

    void handle(InputStream input, OutputStream output, Context context, SourceKind source) throws IOException {
        byte[] event = input.readNBytes(maxEventBytes + 1);   // one more byte tells "too large" apart
        Deadline deadline = context == null ? Deadline.none()
                : () -> context.getRemainingTimeInMillis() - SAFETY_MARGIN_MILLIS;
        InvocationReport report;
        try {
            report = processor.process(event, source, deadline);
        } catch (SinkUnavailableException e) {
            metrics.sinkFailure(source, e);
            throw new IllegalStateException("sink unavailable after retries: " + e.written() + " written, "
                    + e.notWritten() + " not written; failing so the batch is redelivered", e);
        }
        metrics.report(report);
        output.write(ReportJson.toJson(report).getBytes(StandardCharsets.UTF_8));
    }
}
