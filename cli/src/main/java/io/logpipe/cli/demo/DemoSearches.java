package io.logpipe.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The searches the demo runs against the real node after indexing, the kind an engineer runs first when
 * paged: errors per service, the slowest requests, and the most frequent error fingerprints.
 */
public final class DemoSearches {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ERRORS_PER_SERVICE = """
            {"size":0,"query":{"terms":{"log.level":["ERROR","FATAL"]}},
             "aggs":{"services":{"terms":{"field":"service.name","size":8}}}}""";
    private static final String SLOWEST_REQUESTS = """
            {"size":5,"query":{"exists":{"field":"event.duration"}},"sort":[{"event.duration":"desc"}],
             "_source":["service.name","http.request.method","url.path","http.response.status_code","event.duration"]}""";
    private static final String TOP_FINGERPRINTS = """
            {"size":0,"aggs":{"fingerprints":{"terms":{"field":"error.fingerprint","size":5},
             "aggs":{"example":{"top_hits":{"size":1,"_source":["error.type","error.message","service.name"]}}}}}}""";

    private final OpenSearchClient client;
    private final String index;

    public DemoSearches(OpenSearchClient client, String index) {
        this.client = client;
        this.index = index;
    }

    public long count() throws IOException {
        return search("{\"size\":0,\"track_total_hits\":true}").path("hits").path("total").path("value").asLong();
    }

    public void print(PrintWriter out) throws IOException {
        out.println("errors per service (terms on service.name, level ERROR/FATAL):");
        for (JsonNode b : search(ERRORS_PER_SERVICE).path("aggregations").path("services").path("buckets")) {
            out.printf("  %-16s %,d%n", b.path("key").asText(), b.path("doc_count").asLong());
        }
        out.println("slowest requests (sort on event.duration):");
        for (JsonNode hit : search(SLOWEST_REQUESTS).path("hits").path("hits")) {
            JsonNode s = hit.path("_source");
            out.printf("  %8.1f ms  %-13s %-6s %-32s %s%n", s.path("event").path("duration").asLong() / 1e6,
                    s.path("service").path("name").asText(), s.path("http").path("request").path("method").asText("-"),
                    s.path("url").path("path").asText("-"), s.path("http").path("response").path("status_code").asText("-"));
        }
        out.println("top error fingerprints (terms on error.fingerprint):");
        for (JsonNode b : search(TOP_FINGERPRINTS).path("aggregations").path("fingerprints").path("buckets")) {
            JsonNode e = b.path("example").path("hits").path("hits").path(0).path("_source").path("error");
            out.printf("  %s %,6d  %s: %s%n", b.path("key").asText(), b.path("doc_count").asLong(), e.path("type").asText(),
                    abbreviate(e.path("message").asText(""), 60));
        }
    }

    public void refresh() throws IOException {
        try (Response r = client.generic().execute(Requests.create("POST", "/" + index + "/_refresh", List.of(), Map.of(), null))) {
            check(r);
        }
    }

    private JsonNode search(String body) throws IOException {
        try (Response r = client.generic().execute(Requests.create("POST", "/" + index + "/_search", List.of(), Map.of(),
                Body.from(body.getBytes(StandardCharsets.UTF_8), "application/json")))) {
            check(r);
            return JSON.readTree(r.getBody().orElseThrow().body());
        }
    }

    private static void check(Response r) throws IOException {
        if (r.getStatus() >= 300) {
            throw new IOException("OpenSearch answered " + r.getStatus() + ": " + r.getBody().map(Body::bodyAsString).orElse(""));
        }
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
