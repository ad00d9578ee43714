package io.logpipe.processor.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.logpipe.processor.model.SourceKind;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Entry point for CloudWatch Logs subscription filters. A stream handler, so the processor's own decoder
 * reads the event with its size bounds instead of the runtime materialising it through reflection.
 */
public final class CloudWatchLogsHandler implements RequestStreamHandler {
    private final Invocations invocations;

    public CloudWatchLogsHandler() {
        this(Invocations.fromEnvironment());
    }

    CloudWatchLogsHandler(Invocations invocations) {
        this.invocations = invocations;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        invocations.handle(input, output, context, SourceKind.CLOUDWATCH);
    }
}
