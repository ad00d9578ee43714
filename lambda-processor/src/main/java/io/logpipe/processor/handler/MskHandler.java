package io.logpipe.processor.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.logpipe.processor.model.SourceKind;
import io.logpipe.processor.pipeline.LogProcessor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Entry point for the MSK event source mapping. Poison records become dead letters; a sink outage fails the
 * invocation so the mapping retries the batch without committing offsets.
 */
public final class MskHandler implements RequestStreamHandler {
    private final Invocations invocations;

    public MskHandler() {
        this(Invocations.fromEnvironment());
    }

    MskHandler(Invocations invocations) {
        this.invocations = invocations;
    }

    /**
     * A handler over a processor built by the caller, with EMF metrics written to {@code metricsOut}: what the
     * event-source-mapping stand-ins in other modules' tests (and local runners) drive, instead of the
     * environment-configured default.
     */
    public static MskHandler over(LogProcessor processor, int maxEventBytes, PrintStream metricsOut) {
        return new MskHandler(new Invocations(processor, maxEventBytes, new Metrics(metricsOut)));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        invocations.handle(input, output, context, SourceKind.KAFKA);
    }
}
