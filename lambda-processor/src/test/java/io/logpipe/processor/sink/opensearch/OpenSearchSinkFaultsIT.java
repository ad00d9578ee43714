package io.logpipe.processor.sink.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.SourceKind;
import io.logpipe.processor.pipeline.InvocationReport;
import io.logpipe.processor.pipeline.LogProcessor;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.opensearch.index.BootstrapOptions;
import io.logpipe.processor.sink.opensearch.index.IndexBootstrapper;
import io.logpipe.testkit.faults.Fault;
import io.logpipe.testkit.faults.FaultProxy;
import io.logpipe.testkit.fixtures.CorpusGenerator;
import io.logpipe.testkit.servers.OpenSearchExtension;
import io.logpipe.testkit.servers.OpenSearchServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sink between a fault-injecting proxy and a real node. Each test writes its own data stream; their names
 * share no prefix, since each stream's template matches {@code <name>*} at the same priority. In every case: documents indexed plus dead letters
 * equal the input, and no document is duplicated (the index holds exactly the distinct event ids).
 */
@ExtendWith(OpenSearchExtension.class)
class OpenSearchSinkFaultsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static URI node;
    private static List<byte[]> corpus;

    @BeforeAll
    static void setUp(OpenSearchServer server) throws Exception {
        node = server.httpUri();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CorpusGenerator(3).writeCloudWatch(out, 6, 40, 80);
        corpus = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            corpus.add(line.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void bootstrap(URI target, String stream) {
        try (var transport = OpenSearchClients.create(OpenSearchSinkConfig.local(target))._transport()) {
            var report = new IndexBootstrapper(new org.opensearch.client.opensearch.OpenSearchClient(transport))
                    .bootstrap(BootstrapOptions.defaults().withDataStream(stream).withReplicas(0));
            assertThat(report.ok()).as(report.toString()).isTrue();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static OpenSearchSinkConfig config(URI endpoint, String stream, Duration timeout) {
        return new OpenSearchSinkConfig(endpoint, OpenSearchSinkConfig.Auth.NONE, null, null, "es", null, stream,
                64 * 1024, 50, true, 12, Duration.ofMillis(20), Duration.ofMillis(500), timeout);
    }

    /** Runs the corpus through the processor; returns (documents reported, events dead-lettered). */
    private static long[] run(OpenSearchSinkConfig config, List<DeadLetter> deadLetters) throws Exception {
        long documents = 0, dead = 0, eventsIn = 0, indexed = 0;
        try (OpenSearchSink sink = new OpenSearchSink(config)) {
            LogProcessor processor = new LogProcessor(PipelineConfig.defaults(), sink, deadLetters::addAll);
            for (byte[] event : corpus) {
                InvocationReport r = processor.process(event, SourceKind.CLOUDWATCH, Deadline.after(120_000));
                documents += r.documents();
                dead += r.eventsDeadLettered();
                eventsIn += r.eventsIn();
                indexed += r.eventsIndexed();
            }
        }
        assertThat(eventsIn).isEqualTo(indexed + dead);
        return new long[] {documents, dead};
    }

    /** How many documents the corpus makes, counted without any node. */
    private static long expectedDocuments() throws Exception {
        LogProcessor processor = new LogProcessor(PipelineConfig.defaults(), new io.logpipe.processor.sink.DryRunSink(), d -> { });
        long documents = 0;
        for (byte[] event : corpus) {
            documents += processor.process(event, SourceKind.CLOUDWATCH, Deadline.none()).documents();
        }
        return documents;
    }

    private static long count(String stream) throws Exception {
        send("POST", "/" + stream + "/_refresh", null);
        return JSON.readTree(send("GET", "/" + stream + "/_count", null)).path("count").asLong();
    }

    private static long distinctIds(String stream) throws Exception {
        String body = "{\"size\":0,\"aggs\":{\"ids\":{\"cardinality\":{\"field\":\"event.id\",\"precision_threshold\":40000}}}}";
        JsonNode r = JSON.readTree(send("POST", "/" + stream + "/_search", body));
        return r.path("aggregations").path("ids").path("value").asLong();
    }

    private static String send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(node.resolve(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isLessThan(300);
        return response.body();
    }

    private void assertExactlyOnce(String stream, long[] outcome, List<DeadLetter> deadLetters, long expected) throws Exception {
        assertThat(deadLetters).isEmpty();
        assertThat(outcome[1]).isZero();
        assertThat(outcome[0]).isEqualTo(expected);
        assertThat(count(stream)).isEqualTo(expected);
        assertThat(distinctIds(stream)).isEqualTo(expected);
    }

    @Test
    void should_index_everything_exactly_once_when_the_cluster_answers_429_storms() throws Exception {
        long expected = expectedDocuments();
        String stream = "faults-storm";
        bootstrap(node, stream);
        try (FaultProxy proxy = FaultProxy.start(node)) {
            proxy.inject(Fault.tooManyRequests(10));
            List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

            long[] outcome = run(config(proxy.uri(), stream, Duration.ofSeconds(30)), deadLetters);

            assertThat(proxy.stats().faults(Fault.Kind.TOO_MANY_REQUESTS)).isEqualTo(10);
            assertExactlyOnce(stream, outcome, deadLetters, expected);
        }
    }

    @Test
    void should_fail_the_invocation_naming_what_was_not_written_when_429s_outlast_the_retries() throws Exception {
        String stream = "faults-endless";
        bootstrap(node, stream);
        try (FaultProxy proxy = FaultProxy.start(node);
             OpenSearchSink sink = new OpenSearchSink(config(proxy.uri(), stream, Duration.ofSeconds(30)))) {
            proxy.inject(Fault.tooManyRequests(Fault.UNLIMITED));
            List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
            LogProcessor processor = new LogProcessor(PipelineConfig.defaults(), sink, deadLetters::addAll);

            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> processor.process(corpus.getFirst(), SourceKind.CLOUDWATCH, Deadline.after(60_000)))
                    .isInstanceOfSatisfying(io.logpipe.processor.sink.SinkUnavailableException.class, e -> {
                        assertThat(e.written()).isZero();
                        assertThat(e.notWritten()).isPositive();
                        assertThat(e.getMessage()).contains("429");
                    });
            assertThat(deadLetters).as("nothing is dead-lettered: the platform redelivers instead").isEmpty();
            assertThat(count(stream)).isZero();
        }
    }

    @Test
    void should_retry_only_failed_items_when_some_items_of_a_bulk_fail_with_503() throws Exception {
        long expected = expectedDocuments();
        String stream = "faults-partial";
        bootstrap(node, stream);
        try (FaultProxy proxy = FaultProxy.start(node)) {
            proxy.inject(Fault.partialBulkFailure(20, 3, 503));
            List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

            long[] outcome = run(config(proxy.uri(), stream, Duration.ofSeconds(30)), deadLetters);

            assertThat(proxy.stats().bulkItemsFailed()).isPositive();
            assertThat(proxy.stats().bulkItemsReceived()).isEqualTo(expected + proxy.stats().bulkItemsFailed());
            assertExactlyOnce(stream, outcome, deadLetters, expected);
        }
    }

    @Test
    void should_count_redelivered_items_once_when_the_connection_resets_after_the_node_indexed() throws Exception {
        long expected = expectedDocuments();
        String stream = "faults-reset";
        bootstrap(node, stream);
        try (FaultProxy proxy = FaultProxy.start(node)) {
            proxy.inject(Fault.resetAfterForward(4)).inject(Fault.resetBeforeForward(4));
            List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

            long[] outcome = run(config(proxy.uri(), stream, Duration.ofSeconds(30)), deadLetters);

            assertThat(proxy.stats().faults(Fault.Kind.RESET_AFTER_FORWARD)).isEqualTo(4);
            assertExactlyOnce(stream, outcome, deadLetters, expected);
        }
    }

    @Test
    void should_index_everything_once_when_the_node_is_stopped_and_restarted_during_a_batch() throws Exception {
        long expected = expectedDocuments();
        try (OpenSearchServer own = OpenSearchServer.start(OpenSearchServer.Options.defaults()
                .withBaseDir(java.nio.file.Path.of(System.getProperty(OpenSearchServer.BASE_DIR_PROPERTY, "target"))))) {
            String stream = "faults-restart";
            bootstrap(own.httpUri(), stream);
            List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
            OpenSearchSinkConfig config = new OpenSearchSinkConfig(own.httpUri(), OpenSearchSinkConfig.Auth.NONE, null, null,
                    "es", null, stream, 32 * 1024, 20, true, 200, Duration.ofMillis(50), Duration.ofSeconds(2),
                    Duration.ofSeconds(20));
            Thread outage = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(300);
                    own.restart();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long[] outcome = run(config, deadLetters);
            outage.join();

            URI restarted = own.httpUri();
            HttpResponse<String> countResponse = HTTP.send(HttpRequest.newBuilder(restarted.resolve("/" + stream + "/_refresh"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(countResponse.statusCode()).isLessThan(300);
            long indexed = JSON.readTree(HTTP.send(HttpRequest.newBuilder(restarted.resolve("/" + stream + "/_count")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("count").asLong();
            assertThat(deadLetters).isEmpty();
            assertThat(outcome[0]).isEqualTo(expected);
            assertThat(indexed).isEqualTo(expected);
        }
    }
}
