package io.logpipe.processor.sink.opensearch.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.sink.DocumentEncoder;
import io.logpipe.processor.sink.opensearch.OpenSearchClients;
import io.logpipe.processor.sink.opensearch.OpenSearchSinkConfig;
import io.logpipe.processor.sink.opensearch.index.BootstrapReport.Outcome;
import io.logpipe.processor.testing.TestPipeline;
import io.logpipe.testkit.fixtures.CorpusGenerator;
import io.logpipe.testkit.servers.OpenSearchExtension;
import io.logpipe.testkit.servers.OpenSearchServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensearch.client.opensearch.OpenSearchClient;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bootstrap against a real OpenSearch node (integ-test distribution: no ISM, no security plugin). Each
 * test uses its own data stream, so tests are independent and other suites sharing the node are untouched.
 */
@ExtendWith(OpenSearchExtension.class)
class IndexBootstrapperIT {
    private static OpenSearchClient client;
    private static NodeHttp http;

    @BeforeAll
    static void connect(OpenSearchServer server) {
        client = OpenSearchClients.create(OpenSearchSinkConfig.local(server.httpUri()));
        http = new NodeHttp(server.httpUri());
    }

    @AfterAll
    static void close() throws Exception {
        client._transport().close();
    }

    private static BootstrapOptions options(String dataStream) {
        return BootstrapOptions.defaults().withDataStream(dataStream).withReplicas(0);
    }

    private static BootstrapReport bootstrap(BootstrapOptions options) {
        BootstrapReport report = new IndexBootstrapper(client).bootstrap(options);
        assertThat(report.ok()).as(report.toString()).isTrue();
        return report;
    }

    @Test
    void should_report_no_changes_when_bootstrapped_twice() {
        BootstrapOptions options = options("bootstrap-it-twice");
        BootstrapReport first = bootstrap(options);
        assertThat(first.step("index template").orElseThrow().outcome()).isEqualTo(Outcome.CREATED);
        assertThat(first.step("data stream").orElseThrow().outcome()).isEqualTo(Outcome.CREATED);

        BootstrapReport second = bootstrap(options);
        assertThat(second.noChanges()).as(second.toString()).isTrue();
        assertThat(second.step("index template").orElseThrow().outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(second.step("data stream").orElseThrow().outcome()).isEqualTo(Outcome.UNCHANGED);

        JsonNode streams = http.get("/_data_stream/bootstrap-it-twice").json().path("data_streams");
        assertThat(streams).hasSize(1);
        assertThat(streams.get(0).path("template").asText()).isEqualTo("bootstrap-it-twice");
        String backing = streams.get(0).at("/indices/0/index_name").asText();
        JsonNode settings = http.get("/" + backing + "/_settings").json().path(backing).at("/settings/index");
        assertThat(settings.path("number_of_replicas").asText()).isEqualTo("0");
        assertThat(settings.path("refresh_interval").asText()).isEqualTo("1s");
        assertThat(settings.path("codec").asText()).isEqualTo("best_compression");
        assertThat(http.get("/" + backing + "/_mapping").json().path(backing).at("/mappings/dynamic").asText())
                .isEqualTo("strict");
    }

    @Test
    void should_skip_ism_and_security_when_the_plugins_are_absent() {
        BootstrapReport report = bootstrap(options("bootstrap-it-plugins")
                .withRoleArn("arn:aws:iam::123456789012:role/logpipe-processor"));
        assertThat(report.step("ISM policy").orElseThrow().outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(report.step("ISM policy").orElseThrow().detail()).contains("opensearch-index-management");
        assertThat(report.step("security role").orElseThrow().outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(report.step("role mapping").orElseThrow().detail()).contains("opensearch-security");
    }

    @Test
    void should_succeed_twice_when_two_bootstraps_race() {
        BootstrapOptions options = options("bootstrap-it-race");
        CompletableFuture<BootstrapReport> a = CompletableFuture.supplyAsync(() -> new IndexBootstrapper(client).bootstrap(options));
        CompletableFuture<BootstrapReport> b = CompletableFuture.supplyAsync(() -> new IndexBootstrapper(client).bootstrap(options));
        assertThat(a.join().ok()).as(a.join().toString()).isTrue();
        assertThat(b.join().ok()).as(b.join().toString()).isTrue();
        assertThat(http.get("/_data_stream/bootstrap-it-race").json().path("data_streams")).hasSize(1);
    }

    @Test
    void should_accept_every_document_when_written_by_the_document_encoder() {
        String ds = "bootstrap-it-docs";
        bootstrap(options(ds));
        DocumentEncoder encoder = new DocumentEncoder();
        LogEvent event = FullyPopulatedEvents.cloudWatch("full-1");
        encoder.encode(event);
        NodeHttp.Reply created = http.put("/" + ds + "/_create/full-1", encoder.text());
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);

        NodeHttp.Reply again = http.put("/" + ds + "/_create/full-1", encoder.text());
        assertThat(again.status()).as("op_type=create makes a redelivery a conflict, not a duplicate").isEqualTo(409);

        List<String> documents = new ArrayList<>();
        for (LogEvent e : FullyPopulatedEvents.all()) {
            encoder.encode(e);
            documents.add(encoder.text());
        }
        documents.addAll(corpusDocuments());
        assertThat(documents).hasSizeGreaterThan(100);
        assertThat(rejected(bulkCreate(ds, documents))).isEmpty();
        refresh(ds);
        assertThat(count(ds, "{\"query\":{\"match_all\":{}}}")).isEqualTo(documents.size() + 1);
    }

    @Test
    void should_reject_the_document_when_it_has_an_unknown_field() {
        String ds = "bootstrap-it-strict";
        bootstrap(options(ds));
        NodeHttp.Reply top = http.post("/" + ds + "/_doc?op_type=create",
                "{\"@timestamp\":\"2024-03-12T10:15:32.481Z\",\"message\":\"x\",\"surprise\":1}");
        assertThat(top.status()).isEqualTo(400);
        assertThat(top.json().at("/error/type").asText()).isEqualTo("strict_dynamic_mapping_exception");

        NodeHttp.Reply nested = http.post("/" + ds + "/_doc?op_type=create",
                "{\"@timestamp\":\"2024-03-12T10:15:32.481Z\",\"http\":{\"request\":{\"surprise\":\"x\"}}}");
        assertThat(nested.json().at("/error/type").asText()).isEqualTo("strict_dynamic_mapping_exception");
    }

    @Test
    void should_accept_and_find_both_documents_when_an_attribute_changes_type() {
        String ds = "bootstrap-it-flat";
        bootstrap(options(ds));
        String number = "{\"@timestamp\":\"2024-03-12T10:15:32.481Z\",\"message\":\"a\",\"attributes\":{\"x\":5}}";
        String object = "{\"@timestamp\":\"2024-03-12T10:15:33.481Z\",\"message\":\"b\",\"attributes\":{\"x\":{\"y\":\"z\"}}}";
        String mixed = "{\"@timestamp\":\"2024-03-12T10:15:34.481Z\",\"message\":\"c\","
                + "\"attributes\":{\"x\":[1,{\"q\":true},null],\"a.b\":\"dotted\",\"empty\":{}}}";
        assertThat(rejected(bulkCreate(ds, List.of(number, object, mixed)))).isEmpty();
        refresh(ds);
        assertThat(count(ds, "{\"query\":{\"term\":{\"attributes.x\":\"5\"}}}")).isEqualTo(1);
        assertThat(count(ds, "{\"query\":{\"term\":{\"attributes.x.y\":\"z\"}}}")).isEqualTo(1);
        assertThat(count(ds, "{\"query\":{\"term\":{\"attributes.x.q\":\"true\"}}}")).isEqualTo(1);
        assertThat(count(ds, "{\"query\":{\"term\":{\"attributes.a.b\":\"dotted\"}}}")).isEqualTo(1);
        // flat_object: "exists" matches leaf values, so x holding only an object ({"y":"z"}) does not count
        assertThat(count(ds, "{\"query\":{\"exists\":{\"field\":\"attributes.x\"}}}")).isEqualTo(2);
    }

    @Test
    void should_count_per_service_when_aggregating_on_service_name() {
        String ds = "bootstrap-it-aggs";
        bootstrap(options(ds));
        List<String> documents = new ArrayList<>();
        DocumentEncoder encoder = new DocumentEncoder();
        for (int i = 0; i < 5; i++) {
            LogEvent e = FullyPopulatedEvents.cloudWatch("agg-" + i);
            e.serviceName = i < 3 ? "orders" : "payments";
            e.http.statusCode = i < 4 ? 200 : 503;
            encoder.encode(e);
            documents.add(encoder.text());
        }
        assertThat(rejected(bulkCreate(ds, documents))).isEmpty();
        refresh(ds);
        JsonNode aggs = http.post("/" + ds + "/_search", """
                {"size":0,"aggs":{"services":{"terms":{"field":"service.name"}},
                 "errors":{"range":{"field":"http.response.status_code","ranges":[{"from":500}]}},
                 "p":{"percentiles":{"field":"aws.lambda.duration_ms"}}}}""").json().path("aggregations");
        JsonNode buckets = aggs.path("services").path("buckets");
        assertThat(buckets.get(0).path("key").asText()).isEqualTo("orders");
        assertThat(buckets.get(0).path("doc_count").asInt()).isEqualTo(3);
        assertThat(buckets.get(1).path("key").asText()).isEqualTo("payments");
        assertThat(buckets.get(1).path("doc_count").asInt()).isEqualTo(2);
        assertThat(aggs.at("/errors/buckets/0/doc_count").asInt()).isEqualTo(1);
    }

    @Test
    void should_keep_the_document_when_source_ip_is_a_hostname() {
        String ds = "bootstrap-it-ip";
        bootstrap(options(ds));
        String address = "{\"@timestamp\":\"2024-03-12T10:15:32.481Z\",\"message\":\"a\",\"source\":{\"ip\":\"10.1.2.3\"}}";
        String hostname = "{\"@timestamp\":\"2024-03-12T10:15:32.481Z\",\"message\":\"b\",\"source\":{\"ip\":\"proxy.internal\"}}";
        assertThat(rejected(bulkCreate(ds, List.of(address, hostname)))).isEmpty();
        refresh(ds);
        assertThat(count(ds, "{\"query\":{\"term\":{\"source.ip\":\"10.0.0.0/8\"}}}")).isEqualTo(1);
        assertThat(count(ds, "{\"query\":{\"match_all\":{}}}")).isEqualTo(2);
    }

    @Test
    void should_reject_an_alias_when_added_to_the_data_stream() {
        String ds = "bootstrap-it-alias";
        bootstrap(options(ds));
        String backing = http.get("/_data_stream/" + ds).json().at("/data_streams/0/indices/0/index_name").asText();
        NodeHttp.Reply onStream = http.post("/_aliases",
                "{\"actions\":[{\"add\":{\"index\":\"" + ds + "\",\"alias\":\"logs-search\"}}]}");
        NodeHttp.Reply onBacking = http.post("/_aliases",
                "{\"actions\":[{\"add\":{\"index\":\"" + backing + "\",\"alias\":\"logs-search\"}}]}");
        assertThat(onStream.status()).isEqualTo(404);
        assertThat(onBacking.status()).isEqualTo(400);
        assertThat(onBacking.json().at("/error/reason").asText()).contains("don't support aliases");
        // Searching the data stream by name (or Dashboards' pattern "app-logs*") covers every backing index.
        assertThat(http.get("/" + ds + "/_search").status()).isEqualTo(200);
    }

    @Test
    void should_update_the_backing_indices_when_the_template_changes() {
        String ds = "bootstrap-it-change";
        bootstrap(options(ds));
        BootstrapReport changed = bootstrap(options(ds).withRefreshInterval("5s"));
        assertThat(changed.step("index template").orElseThrow().outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(changed.step("backing indices").orElseThrow().outcome()).isEqualTo(Outcome.UPDATED);
        String backing = http.get("/_data_stream/" + ds).json().at("/data_streams/0/indices/0/index_name").asText();
        assertThat(http.get("/" + backing + "/_settings").json().path(backing).at("/settings/index/refresh_interval")
                .asText()).isEqualTo("5s");
    }

    @Test
    void should_roll_over_when_an_existing_mapping_conflicts_with_the_template() {
        String ds = "bootstrap-it-conflict";
        bootstrap(options(ds));
        // Simulate an index created from an older template in which a field had another type.
        http.put("/_index_template/" + ds, "{\"index_patterns\":[\"" + ds + "*\"],\"data_stream\":{},\"priority\":200,"
                + "\"template\":{\"settings\":{\"number_of_replicas\":0},\"mappings\":{\"properties\":"
                + "{\"@timestamp\":{\"type\":\"date\"},\"faas\":{\"properties\":{\"name\":{\"type\":\"long\"}}}}}}}");
        http.post("/" + ds + "/_rollover", null);

        BootstrapReport report = bootstrap(options(ds));
        assertThat(report.step("backing indices").orElseThrow().detail()).contains("rolled over");
        JsonNode indices = http.get("/_data_stream/" + ds).json().at("/data_streams/0/indices");
        String writeIndex = indices.get(indices.size() - 1).path("index_name").asText();
        assertThat(http.get("/" + writeIndex + "/_mapping").json().path(writeIndex)
                .at("/mappings/properties/faas/properties/name/type").asText()).isEqualTo("keyword");
    }

    @Test
    void should_fail_when_a_plain_index_holds_the_name() {
        String ds = "bootstrap-it-plain";
        assertThat(http.put("/" + ds, "{\"settings\":{\"number_of_replicas\":0}}").status()).isEqualTo(200);
        BootstrapReport report = new IndexBootstrapper(client).bootstrap(options(ds));
        assertThat(report.ok()).isFalse();
        assertThat(report.steps()).as(report.toString()).hasSize(1);
        assertThat(report.steps().getFirst().detail()).contains("an index or alias named " + ds + " already exists");
        assertThat(http.get("/_index_template/" + ds).status()).as("nothing changed").isEqualTo(404);
    }

    @Test
    void should_reject_the_document_when_an_attribute_value_exceeds_the_lucene_term_limit() {
        // flat_object has no ignore_above: the writer must bound attribute values (the message already is).
        String ds = "bootstrap-it-long";
        bootstrap(options(ds));
        String doc = "{\"@timestamp\":\"2024-03-12T10:15:32.481Z\",\"message\":\"m\",\"attributes\":{\"body\":\""
                + "x".repeat(32_767) + "\"}}";
        NodeHttp.Reply reply = http.post("/" + ds + "/_doc?op_type=create", doc);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().at("/error/reason").asText()).contains("immense term");
    }

    /** Documents the real pipeline writes for a generated CloudWatch and MSK corpus. */
    private static List<String> corpusDocuments() {
        TestPipeline pipeline = new TestPipeline();
        CorpusGenerator corpus = new CorpusGenerator(7);
        List<String> documents = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            documents.addAll(lines(pipeline.cloudWatch(corpus.nextPayload(5, 25)).ndjson()));
        }
        ByteArrayOutputStream kafka = new ByteArrayOutputStream();
        try {
            corpus.writeKafka(kafka, 10, 5, 20);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (String event : lines(kafka.toString(StandardCharsets.UTF_8))) {
            documents.addAll(lines(pipeline.kafka(event).ndjson()));
        }
        return documents;
    }

    private static List<String> lines(String ndjson) {
        return ndjson.lines().filter(l -> !l.isBlank()).toList();
    }

    /** Bulk-creates the documents with their event.id as _id, like the sink. */
    private static JsonNode bulkCreate(String ds, List<String> documents) {
        StringBuilder body = new StringBuilder();
        int n = 0;
        for (String doc : documents) {
            String id;
            try {
                id = NodeHttp.JSON.readTree(doc).at("/event/id").asText("doc-" + n);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            body.append("{\"create\":{\"_id\":").append(NodeHttp.JSON.valueToTree(id.isEmpty() ? "doc-" + n : id).toString())
                    .append("}}\n").append(doc).append('\n');
            n++;
        }
        NodeHttp.Reply reply = http.post("/" + ds + "/_bulk", body.toString());
        assertThat(reply.status()).as(reply.json().toString()).isEqualTo(200);
        return reply.json();
    }

    /** The bulk items that failed, with their reason. */
    private static List<String> rejected(JsonNode bulk) {
        List<String> failures = new ArrayList<>();
        for (JsonNode item : bulk.path("items")) {
            JsonNode result = item.path("create");
            if (result.has("error")) {
                failures.add(result.path("_id").asText() + ": " + result.path("error"));
            }
        }
        return failures;
    }

    private static void refresh(String ds) {
        assertThat(http.post("/" + ds + "/_refresh", null).status()).isEqualTo(200);
    }

    private static long count(String ds, String query) {
        NodeHttp.Reply reply = http.post("/" + ds + "/_count", query);
        assertThat(reply.status()).as(reply.json().toString()).isEqualTo(200);
        return reply.json().path("count").asLong();
    }
}
