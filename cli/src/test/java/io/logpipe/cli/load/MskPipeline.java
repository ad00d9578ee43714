package io.logpipe.cli.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.handler.MskHandler;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.pipeline.LogProcessor;
import io.logpipe.processor.sink.opensearch.OpenSearchClients;
import io.logpipe.processor.sink.opensearch.OpenSearchSink;
import io.logpipe.processor.sink.opensearch.OpenSearchSinkConfig;
import io.logpipe.processor.sink.opensearch.index.BootstrapOptions;
import io.logpipe.processor.sink.opensearch.index.IndexBootstrapper;
import io.logpipe.testkit.kafka.MskBatch;
import io.logpipe.testkit.kafka.MskEventPoller;
import org.opensearch.client.opensearch.OpenSearchClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Lambda side for the end-to-end tests: the processor's real {@link MskHandler} over an {@link OpenSearchSink}
 * into one data stream, invoked with each batch the {@link MskEventPoller} delivers, plus the OpenSearch calls
 * the assertions need.
 */
final class MskPipeline implements MskEventPoller.Function, AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    long documents;
    private final OpenSearchSink sink;
    private final MskHandler handler;

    MskPipeline(URI node, String stream) {
        bootstrap(node, stream);
        this.sink = new OpenSearchSink(new OpenSearchSinkConfig(node, OpenSearchSinkConfig.Auth.NONE, null, null, "es",
                null, stream, 5 << 20, 1_000, true, 3, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(30)));
        LogProcessor processor = new LogProcessor(PipelineConfig.defaults(), sink, deadLetters::addAll);
        this.handler = handler(processor, 8 << 20, new PrintStream(OutputStream.nullOutputStream()));
    }

    /**
     * MskHandler's test constructor ({@code new MskHandler(new Invocations(processor, maxEventBytes, new Metrics(out)))})
     * is package-private (the public one reads the environment); reached reflectively, as lambda-processor's
     * MskEventSourceIT does.
     */
    private static MskHandler handler(LogProcessor processor, int maxEventBytes, PrintStream metricsOut) {
        try {
            Class<?> metricsClass = Class.forName("io.logpipe.processor.handler.Metrics");
            Constructor<?> metrics = metricsClass.getDeclaredConstructor(PrintStream.class);
            metrics.setAccessible(true);
            Class<?> invocationsClass = Class.forName("io.logpipe.processor.handler.Invocations");
            Constructor<?> invocations = invocationsClass.getDeclaredConstructor(LogProcessor.class, int.class, metricsClass);
            invocations.setAccessible(true);
            Constructor<MskHandler> ctor = MskHandler.class.getDeclaredConstructor(invocationsClass);
            ctor.setAccessible(true);
            return ctor.newInstance(invocations.newInstance(processor, maxEventBytes, metrics.newInstance(metricsOut)));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("MskHandler's package-private wiring changed: " + e, e);
        }
    }

    @Override
    public void invoke(MskBatch batch) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(batch.eventBytes()), out, null);
        JsonNode report = JSON.readTree(out.toByteArray());
        if (!report.path("conserved").asBoolean()) {
            throw new IllegalStateException("invocation not conserved: " + report);
        }
        documents += report.path("documents").asLong();
    }

    @Override
    public void close() {
        sink.close();
    }

    private static void bootstrap(URI node, String stream) {
        try (var transport = OpenSearchClients.create(OpenSearchSinkConfig.local(node))._transport()) {
            var report = new IndexBootstrapper(new OpenSearchClient(transport))
                    .bootstrap(BootstrapOptions.defaults().withDataStream(stream).withReplicas(0));
            if (!report.ok()) {
                throw new IllegalStateException("bootstrap of " + stream + ": " + report);
            }
        } catch (Exception e) {
            throw new IllegalStateException("bootstrap of " + stream + " failed: " + e, e);
        }
    }

    static JsonNode call(URI node, String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(node.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        }
    }

    static long count(URI node, String stream) {
        call(node, "POST", "/" + stream + "/_refresh", null);
        return call(node, "GET", "/" + stream + "/_count", null).path("count").asLong();
    }

    /** Every document's {@code _source} fields asked for (up to 10,000 documents), duplicates kept. */
    static List<JsonNode> sources(URI node, String stream, String... fields) {
        call(node, "POST", "/" + stream + "/_refresh", null);
        String include = String.join("\",\"", fields);
        JsonNode hits = call(node, "POST", "/" + stream + "/_search", "{\"size\":10000,\"_source\":[\"" + include
                + "\"],\"query\":{\"match_all\":{}}}").path("hits").path("hits");
        List<JsonNode> out = new java.util.ArrayList<>();
        hits.forEach(h -> out.add(h.path("_source")));
        return out;
    }
}
