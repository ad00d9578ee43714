package io.logpipe.processor.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonParser;
import io.logpipe.processor.json.BoundedJsonReader;
import io.logpipe.processor.json.Json;
import io.logpipe.processor.json.PlainJsonWriter;
import io.logpipe.processor.sink.opensearch.index.BootstrapResource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * Entry point for the CDK app's OpenSearch bootstrap custom resource (the user function of a
 * {@code custom_resources.Provider}): reads the event, runs {@link BootstrapResource} and answers with its
 * {@code PhysicalResourceId} and {@code Data}. A failure is thrown, which the Provider reports to CloudFormation.
 */
public final class BootstrapHandler implements RequestStreamHandler {
    /** CloudFormation events are a few KB; anything larger is not one. */
    static final int MAX_EVENT_BYTES = 256 * 1024;

    private final BootstrapResource resource;

    public BootstrapHandler() {
        this(BootstrapResource.fromEnvironment());
    }

    BootstrapHandler(BootstrapResource resource) {
        this.resource = resource;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] bytes = input.readNBytes(MAX_EVENT_BYTES + 1);
        if (bytes.length > MAX_EVENT_BYTES) {
            throw new IllegalArgumentException("custom resource event larger than " + MAX_EVENT_BYTES + " bytes");
        }
        Object event;
        try (JsonParser p = Json.FACTORY.createParser(bytes)) {
            p.nextToken();
            event = p.currentToken() == null ? null : new BoundedJsonReader(Json.MAX_NESTING, 10_000).readValue(p, 0);
        }
        if (!(event instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("custom resource event is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        Map<String, Object> response = resource.handle(typed);
        System.out.println("bootstrap " + typed.get("RequestType") + ": " + ((Map<?, ?>) response.get("Data")).get("Summary"));
        output.write(PlainJsonWriter.toBytes(response));
    }
}
