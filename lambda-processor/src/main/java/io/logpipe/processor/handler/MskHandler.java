package io.logpipe.processor.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.logpipe.processor.model.SourceKind;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

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

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        invocations.handle(input, output, context, SourceKind.KAFKA);
    }
}
