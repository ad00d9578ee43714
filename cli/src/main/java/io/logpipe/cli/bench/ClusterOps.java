package io.logpipe.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/** The few untimed calls the benchmark needs: version, refresh, counts, and removing what it created. */
public final class ClusterOps {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;

    public ClusterOps(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    public String version() throws IOException, InterruptedException {
        return ok("GET", "/", null).path("version").path("number").asText("?");
    }

    public void refresh(String stream) throws IOException, InterruptedException {
        ok("POST", "/" + stream + "/_refresh", null);
    }

    /** Documents visible to search, without forcing a refresh. */
    public long count(String stream) throws IOException, InterruptedException {
        return ok("GET", "/" + stream + "/_count", null).path("count").asLong(-1);
    }

    /** How many of these ids are visible to search, without forcing a refresh. */
    public long countIds(String stream, Collection<String> ids) throws IOException, InterruptedException {
        byte[] query = JSON.writeValueAsBytes(Map.of("query", Map.of("ids", Map.of("values", ids))));
        return ok("POST", "/" + stream + "/_count", query).path("count").asLong(-1);
    }

    /** Deletes the data stream, its index template and ISM policy (as the bootstrap names them), ignoring absence. */
    public void drop(String stream) throws IOException, InterruptedException {
        call("DELETE", "/_data_stream/" + stream, null);
        call("DELETE", "/_index_template/" + stream, null);
        call("DELETE", "/_plugins/_ism/policies/logpipe-" + stream, null);   // 404 or 400 without the ISM plugin
    }

    private JsonNode ok(String method, String path, byte[] body) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = call(method, path, body);
        if (r.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + ": HTTP " + r.statusCode() + " " + new String(r.body(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        return JSON.readTree(r.body());
    }

    private HttpResponse<byte[]> call(String method, String path, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
