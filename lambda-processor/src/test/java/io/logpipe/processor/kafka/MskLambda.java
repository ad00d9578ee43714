package io.logpipe.processor.kafka;

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
import io.logpipe.testkit.fixtures.CorpusGenerator;
import io.logpipe.testkit.kafka.MskBatch;
import io.logpipe.testkit.kafka.MskEventPoller;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lambda as the MSK event source mapping runs it: {@link MskHandler} over a {@link LogProcessor} writing to a
 * real {@link OpenSearchSink}, dead letters kept in memory, the JSON report of every successful invocation and
 * the EMF metric lines captured. Plus the node-side helpers the MSK ITs share.
 */
public final class MskLambda implements MskEventPoller.Function, AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    final List<JsonNode> reports = new ArrayList<>();
    private final ByteArrayOutputStream metrics = new ByteArrayOutputStream();
    private final OpenSearchSink sink;
    private final MskHandler handler;

    public MskLambda(OpenSearchSinkConfig sinkConfig) {
        this.sink = new OpenSearchSink(sinkConfig);
        LogProcessor processor = new LogProcessor(PipelineConfig.defaults(), sink, deadLetters::addAll);
        this.handler = MskHandler.over(processor, 8 << 20, new PrintStream(metrics, true, StandardCharsets.UTF_8));
    }


    /** One invocation: the batch's event in, the report out; throws when the handler throws (sink outage). */
    @Override
    public void invoke(MskBatch batch) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(batch.eventBytes()), out, null);
        JsonNode report = JSON.readTree(out.toByteArray());
        assertThat(report.path("source").asText()).isEqualTo("kafka");
        assertThat(report.path("events_in").asInt()).as("events_in of " + batch).isEqualTo(batch.size());
        assertThat(report.path("conserved").asBoolean()).as("conserved: " + report).isTrue();
        reports.add(report);
    }

    public long reported(String field) {
        return reports.stream().mapToLong(r -> r.path(field).asLong()).sum();
    }

    List<String> metricLines() {
        return metrics.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Override
    public void close() {
        sink.close();
    }

    // ---- OpenSearch side ---------------------------------------------------------------------------------------

    public static void bootstrap(URI node, String stream) {
        var report = IndexBootstrapper.runOnce(OpenSearchClients.create(OpenSearchSinkConfig.local(node)),
                BootstrapOptions.defaults().withDataStream(stream).withReplicas(0));
        assertThat(report.ok()).as("bootstrap of " + stream + ": " + report).isTrue();
    }

    /** Bulk requests of at most 250 documents; 3 attempts with short backoff, so an outage fails an invocation fast. */
    public static OpenSearchSinkConfig sinkConfig(URI endpoint, String stream) {
        return new OpenSearchSinkConfig(endpoint, OpenSearchSinkConfig.Auth.NONE, null, null, "es", null, stream,
                5 << 20, 250, true, 3, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(20));
    }

    public static JsonNode call(URI node, String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(node.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        }
    }

    public static long count(URI node, String stream) {
        call(node, "POST", "/" + stream + "/_refresh", null);
        return call(node, "GET", "/" + stream + "/_count", null).path("count").asLong();
    }

    /** Every document's {@code _source} fields asked for (up to 10,000 documents), duplicates kept. */
    public static List<JsonNode> sources(URI node, String stream, String... fields) {
        call(node, "POST", "/" + stream + "/_refresh", null);
        String include = String.join("\",\"", fields);
        JsonNode hits = call(node, "POST", "/" + stream + "/_search", "{\"size\":10000,\"_source\":[\"" + include
                + "\"],\"query\":{\"match_all\":{}}}").path("hits").path("hits");
        List<JsonNode> out = new ArrayList<>();
        hits.forEach(h -> out.add(h.path("_source")));
        return out;
    }

    /** Every document's {@code event.id} (up to 10,000), duplicates kept: the exact multiset, not an estimate. */
    static List<String> eventIds(URI node, String stream) {
        call(node, "POST", "/" + stream + "/_refresh", null);
        JsonNode hits = call(node, "POST", "/" + stream + "/_search",
                "{\"size\":10000,\"_source\":[\"event.id\"],\"query\":{\"match_all\":{}}}").path("hits").path("hits");
        List<String> ids = new ArrayList<>();
        hits.forEach(h -> ids.add(h.path("_source").path("event").path("id").asText()));
        assertThat(ids).allSatisfy(id -> assertThat(id).isNotEmpty());
        return ids;
    }

    static JsonNode document(URI node, String stream, String eventId) {
        JsonNode hits = call(node, "POST", "/" + stream + "/_search",
                "{\"query\":{\"term\":{\"event.id\":\"" + eventId + "\"}}}").path("hits").path("hits");
        assertThat(hits).as("documents with event.id " + eventId).hasSize(1);
        return hits.get(0).path("_source");
    }

    // ---- Kafka side --------------------------------------------------------------------------------------------

    /**
     * {@code count} realistic log records (JSON application events and plain text lines, keys most of the time,
     * W3C trace headers some of the time) taken from the testkit's MSK corpus for {@code seed}, re-addressed to
     * {@code topic} round-robin over {@code partitions}.
     */
    static List<ProducerRecord<byte[], byte[]>> corpus(String topic, int partitions, int count, long seed) {
        CorpusGenerator generator = new CorpusGenerator(seed);
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(count);
        try {
            while (out.size() < count) {
                ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
                generator.writeKafka(ndjson, 20, 20, 60);
                for (String line : ndjson.toString(StandardCharsets.UTF_8).split("\n")) {
                    for (Iterator<JsonNode> groups = JSON.readTree(line).path("records").elements(); groups.hasNext(); ) {
                        for (JsonNode r : groups.next()) {
                            if (out.size() < count) {
                                out.add(record(topic, out.size() % partitions, r));
                            }
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the corpus: " + e, e);
        }
        return out;
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, int partition, JsonNode r) {
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] key = r.hasNonNull("key") ? b64.decode(r.path("key").asText()) : null;
        byte[] value = b64.decode(r.path("value").asText());
        List<Header> headers = new ArrayList<>();
        for (JsonNode header : r.path("headers")) {
            header.properties().forEach(h -> {
                byte[] bytes = new byte[h.getValue().size()];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) h.getValue().get(i).asInt();
                }
                headers.add(new RecordHeader(h.getKey(), bytes));
            });
        }
        return new ProducerRecord<>(topic, partition, r.path("timestamp").asLong(), key, value, headers);
    }

    static Set<String> ids(List<RecordMetadata> sent) {
        Set<String> ids = new HashSet<>();
        sent.forEach(m -> ids.add(m.topic() + "-" + m.partition() + "-" + m.offset()));
        return ids;
    }

    /** Per {@code <topic>-<partition>}: the offset after the last record sent, i.e. what must end up committed. */
    static Map<String, Long> endOffsets(List<RecordMetadata> sent) {
        Map<String, Long> end = new java.util.TreeMap<>();
        sent.forEach(m -> end.merge(m.topic() + "-" + m.partition(), m.offset() + 1, Math::max));
        return end;
    }
}
