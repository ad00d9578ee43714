package io.logpipe.testkit.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.logpipe.testkit.faults.TestBodies.bulk;
import static io.logpipe.testkit.faults.TestBodies.ids;
import static io.logpipe.testkit.faults.TestBodies.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link Fault#partialBulkFailure}: what upstream gets and what the client gets back. */
class FaultProxyBulkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY).build();
    private FakeUpstream upstream;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws IOException {
        upstream = FakeUpstream.start();
        proxy = FaultProxy.start(upstream.uri());
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
        client.close();
    }

    private HttpResponse<String> post(String pathAndQuery, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(proxy.uri().resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Integer> statuses(JsonNode response) {
        List<Integer> out = new ArrayList<>();
        response.path("items").forEach(i -> out.add(i.elements().next().path("status").asInt()));
        return out;
    }

    @Test
    void should_withhold_every_nth_item_and_answer_it_in_place_when_partial_failure_is_armed() throws Exception {
        proxy.inject(Fault.partialBulkFailure(1, 3, 503));

        HttpResponse<String> r = post("/_bulk", bulk(ids(7)));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(upstream.last().bulkIds()).containsExactly("d1", "d2", "d4", "d5", "d7");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("took").asInt()).isEqualTo(7);
        assertThat(body.path("errors").asBoolean()).isTrue();
        assertThat(statuses(body)).containsExactly(201, 201, 503, 201, 201, 503, 201);
        List<String> ids = new ArrayList<>();
        body.path("items").forEach(i -> ids.add(i.path("create").path("_id").asText()));
        assertThat(ids).containsExactly(ids(7));
        assertThat(body.path("items").get(2).toString()).isEqualTo("{\"create\":{\"_index\":\"app-logs\","
                + "\"_id\":\"d3\",\"status\":503,\"error\":{\"type\":\"unavailable_shards_exception\","
                + "\"reason\":\"injected by FaultProxy\"}}}");
        assertThat(proxy.stats().bulkItemsFailed()).isEqualTo(2);
        assertThat(proxy.stats().bulkItemsForwarded()).isEqualTo(5);
    }

    @Test
    void should_keep_upstream_item_statuses_for_forwarded_items_when_partial_failure_is_armed() throws Exception {
        upstream.conflictOn("d1");
        proxy.inject(Fault.partialBulkFailure(1, 2, 429));

        JsonNode body = JSON.readTree(post("/_bulk", bulk(ids(4))).body());

        assertThat(statuses(body)).containsExactly(409, 429, 201, 429);
        assertThat(body.path("items").get(0).path("create").path("error").path("type").asText())
                .isEqualTo("version_conflict_engine_exception");
        assertThat(body.path("items").get(1).path("create").path("error").path("type").asText())
                .isEqualTo("rejected_execution_exception");
    }

    @Test
    void should_forward_the_remaining_items_gzip_encoded_when_the_client_sent_gzip() throws Exception {
        proxy.inject(Fault.partialBulkFailure(1, 2, 503));

        HttpResponse<String> r = post("/_bulk", TestBodies.gzip(bulk(ids(4))), "Content-Encoding", "gzip",
                "Accept-Encoding", "gzip");

        FakeUpstream.Recorded seen = upstream.last();
        assertThat(seen.header("Content-encoding")).isEqualTo("gzip");
        assertThat(seen.header("Content-length")).isEqualTo(String.valueOf(seen.rawBody().length));
        assertThat(seen.body()).isEqualTo(bulk("d1", "d3"));
        assertThat(seen.headers()).doesNotContainKey("Accept-encoding");
        assertThat(r.headers().firstValue("content-encoding")).isEmpty();
        assertThat(statuses(JSON.readTree(r.body()))).containsExactly(201, 503, 201, 503);
    }

    @Test
    void should_apply_the_clients_filter_path_to_the_merged_response_when_it_sent_one() throws Exception {
        proxy.inject(Fault.partialBulkFailure(1, 2, 503));

        HttpResponse<String> r = post("/_bulk?filter_path=items.*.status,items.*.error.type&refresh=false",
                bulk(ids(3)));

        assertThat(upstream.last().query()).isEqualTo("refresh=false");
        assertThat(r.body()).isEqualTo("{\"items\":[{\"create\":{\"status\":201}},"
                + "{\"create\":{\"status\":503,\"error\":{\"type\":\"unavailable_shards_exception\"}}},"
                + "{\"create\":{\"status\":201}}]}");
    }

    @Test
    void should_keep_only_failed_items_when_the_filter_path_selects_errors() throws Exception {
        proxy.inject(Fault.partialBulkFailure(1, 2, 503));

        HttpResponse<String> r = post("/_bulk?filter_path=errors,items.*.error.reason", bulk(ids(3)));

        assertThat(r.body()).isEqualTo("{\"errors\":true,\"items\":["
                + "{\"create\":{\"error\":{\"reason\":\"injected by FaultProxy\"}}}]}");
    }

    @Test
    void should_answer_every_item_without_calling_upstream_when_all_items_fail() throws Exception {
        proxy.inject(Fault.partialBulkFailure(1, 1, 503));

        JsonNode body = JSON.readTree(post("/_bulk", bulk(ids(3))).body());

        assertThat(upstream.requests()).isEmpty();
        assertThat(body.path("took").asInt()).isZero();
        assertThat(statuses(body)).containsExactly(503, 503, 503);
        assertThat(proxy.stats().forwarded()).isZero();
    }

    @Test
    void should_use_each_items_op_type_and_the_path_index_when_answering_failed_items() throws Exception {
        String ndjson = """
                {"index":{"_id":"i1"}}
                {"m":1}
                {"delete":{"_id":"x1"}}
                {"update":{"_id":"u1"}}
                {"doc":{"m":2}}
                {"create":{"_index":"other"}}
                {"m":3}
                """;
        proxy.inject(Fault.partialBulkFailure(1, 1, 503));

        JsonNode items = JSON.readTree(post("/app-logs/_bulk", utf8(ndjson)).body()).path("items");

        assertThat(items).hasSize(4);
        assertThat(items.get(0).path("index").path("_index").asText()).isEqualTo("app-logs");
        assertThat(items.get(1).path("delete").path("_id").asText()).isEqualTo("x1");
        assertThat(items.get(2).path("update").path("_id").asText()).isEqualTo("u1");
        assertThat(items.get(3).path("create").path("_index").asText()).isEqualTo("other");
        assertThat(items.get(3).path("create").path("_id").asText()).isNotBlank(); // auto id
    }

    @Test
    void should_fail_items_only_on_the_armed_number_of_requests_when_the_client_retries() throws Exception {
        proxy.inject(Fault.partialBulkFailure(1, 2, 503));

        post("/_bulk", bulk(ids(4)));
        HttpResponse<String> retry = post("/_bulk", bulk("d2", "d4"));

        assertThat(JSON.readTree(retry.body()).path("errors").asBoolean()).isFalse();
        assertThat(upstream.requests()).hasSize(2);
        assertThat(upstream.last().bulkIds()).containsExactly("d2", "d4");
        assertThat(proxy.stats().bulkItemsForwarded()).isEqualTo(4);
    }

    @Test
    void should_forward_a_malformed_bulk_body_untouched_and_keep_the_fault_armed() throws Exception {
        proxy.inject(Fault.partialBulkFailure(1, 2, 503));

        post("/_bulk", utf8("{\"create\":{}}\nnot json\n{oops\n"));

        assertThat(upstream.last().bodyText()).isEqualTo("{\"create\":{}}\nnot json\n{oops\n");
        assertThat(proxy.pending()).hasSize(1);
    }
}
