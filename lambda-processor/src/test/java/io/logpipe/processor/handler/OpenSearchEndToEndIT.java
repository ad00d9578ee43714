package io.logpipe.processor.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.pipeline.LogProcessor;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.NdjsonSink;
import io.logpipe.processor.sink.opensearch.OpenSearchClients;
import io.logpipe.processor.sink.opensearch.OpenSearchSink;
import io.logpipe.processor.sink.opensearch.OpenSearchSinkConfig;
import io.logpipe.processor.sink.opensearch.index.BootstrapOptions;
import io.logpipe.processor.sink.opensearch.index.IndexBootstrapper;
import io.logpipe.testkit.fixtures.CloudWatchEvents;
import io.logpipe.testkit.fixtures.CorpusGenerator;
import io.logpipe.testkit.servers.OpenSearchExtension;
import io.logpipe.testkit.servers.OpenSearchServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensearch.client.opensearch.OpenSearchClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The Lambda handler writing through the real sink into a real OpenSearch node, then searched. */
@ExtendWith(OpenSearchExtension.class)
class OpenSearchEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static URI node;

    @BeforeAll
    static void startNode(OpenSearchServer server) {
        node = server.httpUri();
    }

    private static String bootstrap(String dataStream) throws Exception {
        OpenSearchSinkConfig config = OpenSearchSinkConfig.local(node);
        try (var transport = OpenSearchClients.create(config)._transport()) {
            var report = new IndexBootstrapper(new OpenSearchClient(transport))
                    .bootstrap(BootstrapOptions.defaults().withDataStream(dataStream).withReplicas(0));
            assertThat(report.ok()).as(report.toString()).isTrue();
        }
        return dataStream;
    }

    private static CloudWatchLogsHandler handler(String dataStream, List<DeadLetter> deadLetters) {
        OpenSearchSinkConfig config = new OpenSearchSinkConfig(node, OpenSearchSinkConfig.Auth.NONE, null, null, "es", null,
                dataStream, 5 << 20, 5_000, true, 4, java.time.Duration.ofMillis(50), java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(30));
        LogProcessor processor = new LogProcessor(PipelineConfig.defaults(), new OpenSearchSink(config), deadLetters::addAll);
        return new CloudWatchLogsHandler(new Invocations(processor, 8 << 20, new Metrics(new PrintStream(new ByteArrayOutputStream()))));
    }

    private static JsonNode invoke(CloudWatchLogsHandler handler, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return JSON.readTree(out.toByteArray());
    }

    private static JsonNode call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.resolve(path)).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
        return JSON.readTree(response.body());
    }

    private static long count(String dataStream) throws Exception {
        call("POST", "/" + dataStream + "/_refresh", null);
        return call("GET", "/" + dataStream + "/_count", null).path("count").asLong();
    }

    private static List<String> corpus(long seed, int payloads) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CorpusGenerator(seed).writeCloudWatch(out, payloads, 20, 120);
        return List.of(out.toString(StandardCharsets.UTF_8).split("\n"));
    }

    @Test
    void should_make_every_document_searchable_field_for_field_when_the_handler_indexes_a_corpus() throws Exception {
        String stream = bootstrap("e2e-corpus");
        List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
        CloudWatchLogsHandler handler = handler(stream, deadLetters);
        long documents = 0;
        List<String> events = corpus(7, 15);
        for (String event : events) {
            JsonNode report = invoke(handler, event);
            assertThat(report.path("conserved").asBoolean()).isTrue();
            documents += report.path("documents").asLong();
        }

        assertThat(deadLetters).isEmpty();
        assertThat(count(stream)).isEqualTo(documents).isPositive();
        assertSampleMatches(stream, events.getFirst());
    }

    /** The same payload processed to NDJSON must equal, document by document, what the node returns as _source. */
    private static void assertSampleMatches(String stream, String event) throws Exception {
        ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
        new LogProcessor(PipelineConfig.defaults(), new NdjsonSink(ndjson, null), d -> { })
                .process(event.getBytes(StandardCharsets.UTF_8), io.logpipe.processor.model.SourceKind.CLOUDWATCH, Deadline.none());
        List<JsonNode> expected = new ArrayList<>();
        for (String line : ndjson.toString(StandardCharsets.UTF_8).split("\n")) {
            expected.add(JSON.readTree(line));
        }
        List<String> ids = expected.stream().limit(25).map(d -> d.path("event").path("id").asText()).toList();
        JsonNode hits = call("POST", "/" + stream + "/_search", JSON.writeValueAsString(Map.of("size", 25,
                "query", Map.of("ids", Map.of("values", ids))))).path("hits").path("hits");
        assertThat(hits).hasSize(ids.size());
        for (JsonNode hit : hits) {
            JsonNode want = expected.stream().filter(d -> d.path("event").path("id").asText().equals(hit.path("_id").asText()))
                    .findFirst().orElseThrow();
            assertThat(hit.path("_source")).as("document " + hit.path("_id").asText()).isEqualTo(want);
        }
    }

    @Test
    void should_leave_the_count_unchanged_when_the_same_payload_is_delivered_twice() throws Exception {
        String stream = bootstrap("e2e-redelivery");
        CloudWatchLogsHandler handler = handler(stream, new CopyOnWriteArrayList<>());
        String event = corpus(11, 1).getFirst();

        JsonNode first = invoke(handler, event);
        long afterFirst = count(stream);
        JsonNode second = invoke(handler, event);

        assertThat(count(stream)).isEqualTo(afterFirst).isEqualTo(first.path("documents").asLong());
        assertThat(second.path("duplicates").asLong()).isEqualTo(first.path("documents").asLong());
        assertThat(second.path("documents").asLong()).isEqualTo(first.path("documents").asLong());
    }

    @Test
    void should_keep_all_documents_searchable_when_services_disagree_on_a_field_type() throws Exception {
        String stream = bootstrap("e2e-conflicts");
        List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
        CloudWatchLogsHandler handler = handler(stream, deadLetters);
        String event = CloudWatchEvents.payload("/ecs/orders", "s").event(1_710_238_532_000L,
                        "{\"msg\":\"a\",\"order\":42,\"status\":\"ok\"}")
                .event(1_710_238_532_001L, "{\"msg\":\"b\",\"order\":{\"id\":42,\"lines\":[1,2]},\"status\":{\"code\":7}}")
                .event(1_710_238_532_002L, "{\"msg\":\"c\",\"order\":\"forty-two\",\"status\":[1,\"x\",null]}")
                .toLambdaEvent();

        JsonNode report = invoke(handler, event);

        assertThat(deadLetters).isEmpty();
        assertThat(report.path("documents").asLong()).isEqualTo(3);
        assertThat(count(stream)).isEqualTo(3);
        JsonNode found = call("POST", "/" + stream + "/_search",
                "{\"query\":{\"term\":{\"attributes.order.id\":\"42\"}}}").path("hits").path("total").path("value");
        assertThat(found.asLong()).isEqualTo(1);
    }
}
