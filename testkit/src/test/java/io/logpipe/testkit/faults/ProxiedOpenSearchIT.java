package io.logpipe.testkit.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpipe.testkit.servers.OpenSearchExtension;
import io.logpipe.testkit.servers.OpenSearchServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The proxy in front of a real OpenSearch node: real bulk responses, real gzip handling, real 409s. */
@ExtendWith(OpenSearchExtension.class)
class ProxiedOpenSearchIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY).build();
    private final String index = "fault-proxy-" + UUID.randomUUID();
    private OpenSearchServer node;
    private FaultProxy proxy;

    @BeforeEach
    void start(OpenSearchServer os) {
        node = os;
        proxy = FaultProxy.start(os.httpUri());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        send(node.httpUri(), "DELETE", "/" + index, null);
        client.close();
    }

    private HttpResponse<String> send(URI base, String method, String pathAndQuery, byte[] body,
                                      String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private byte[] bulk(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append("{\"create\":{\"_index\":\"").append(index).append("\",\"_id\":\"d").append(i).append("\"}}\n")
                    .append("{\"message\":\"event ").append(i).append("\"}\n");
        }
        return TestBodies.utf8(sb.toString());
    }

    private static List<Integer> statuses(String body) throws IOException {
        List<Integer> out = new ArrayList<>();
        JSON.readTree(body).path("items").forEach(i -> out.add(i.path("create").path("status").asInt()));
        return out;
    }

    private long count() throws Exception {
        send(node.httpUri(), "POST", "/" + index + "/_refresh", null);
        return JSON.readTree(send(node.httpUri(), "GET", "/" + index + "/_count", null).body()).path("count")
                .asLong();
    }

    @Test
    void should_merge_failed_items_into_the_nodes_response_when_partial_failure_hits_a_gzip_bulk() throws Exception {
        proxy.inject(Fault.partialBulkFailure(1, 2, 503));

        HttpResponse<String> r = send(proxy.uri(), "POST", "/_bulk?filter_path=errors,items.*._id,items.*.status",
                TestBodies.gzip(bulk(4)), "Content-Type", "application/x-ndjson", "Content-Encoding", "gzip",
                "Accept-Encoding", "identity");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"errors\":true,\"items\":[{\"create\":{\"_id\":\"d1\",\"status\":201}},"
                + "{\"create\":{\"_id\":\"d2\",\"status\":503}},{\"create\":{\"_id\":\"d3\",\"status\":201}},"
                + "{\"create\":{\"_id\":\"d4\",\"status\":503}}]}");
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void should_make_the_retry_see_409s_when_reset_after_forward_dropped_the_answer() throws Exception {
        proxy.inject(Fault.resetAfterForward(1));

        assertThatThrownBy(() -> send(proxy.uri(), "POST", "/_bulk", bulk(3), "Content-Type",
                "application/x-ndjson")).isInstanceOf(IOException.class);
        HttpResponse<String> retry = send(proxy.uri(), "POST", "/_bulk", bulk(3), "Content-Type",
                "application/x-ndjson");

        assertThat(statuses(retry.body())).containsExactly(409, 409, 409);
        assertThat(count()).isEqualTo(3);
    }

    @Test
    void should_pass_the_nodes_answers_through_unchanged_when_no_fault_is_armed() throws Exception {
        send(node.httpUri(), "PUT", "/" + index, null);

        JsonNode direct = JSON.readTree(send(node.httpUri(), "GET", "/", null).body());
        JsonNode proxied = JSON.readTree(send(proxy.uri(), "GET", "/", null).body());
        HttpResponse<String> head = send(proxy.uri(), "HEAD", "/" + index, null);
        HttpResponse<String> missing = send(proxy.uri(), "GET", "/" + index + "-missing/_doc/1", null);

        assertThat(proxied).isEqualTo(direct);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("index_not_found_exception");
    }

    @Test
    void should_filter_bulk_responses_like_the_node_when_applying_filter_path() throws Exception {
        send(node.httpUri(), "POST", "/_bulk?refresh=true", bulk(2), "Content-Type", "application/x-ndjson");
        // the same outcome on every run: 409, 404 (delete of a missing doc), 409
        byte[] ops = TestBodies.utf8("""
                {"create":{"_index":"%1$s","_id":"d1"}}
                {"message":"again"}
                {"delete":{"_index":"%1$s","_id":"missing"}}
                {"create":{"_index":"%1$s","_id":"d2"}}
                {"message":"again"}
                """.formatted(index));
        JsonNode full = JSON.readTree(send(node.httpUri(), "POST", "/_bulk", ops, "Content-Type",
                "application/x-ndjson").body());

        for (String filter : List.of("items.*.error", "errors,items.*._id,items.*.status", "**.type",
                "items.*.error.type,-items.*.error.reason")) {
            JsonNode byNode = JSON.readTree(send(node.httpUri(), "POST", "/_bulk?filter_path=" + filter, ops,
                    "Content-Type", "application/x-ndjson").body());
            assertThat(FilterPath.parse(filter).apply(full)).as(filter).isEqualTo(byNode);
        }
    }
}
