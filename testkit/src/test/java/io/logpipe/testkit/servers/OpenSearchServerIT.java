package io.logpipe.testkit.servers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Starts the shared real OpenSearch node and talks to it with plain java.net.http. */
@ExtendWith(OpenSearchExtension.class)
class OpenSearchServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void clusterIsGreen(OpenSearchServer os) throws Exception {
        HttpResponse<String> r = send(os, "GET", "/_cluster/health?wait_for_status=green&timeout=30s", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(r.body());
        assertThat(health.path("status").asText()).isEqualTo("green");
        assertThat(health.path("number_of_nodes").asInt()).isEqualTo(1);
        System.out.println("OpenSearch became green " + os.lastStartDuration().toMillis() + " ms after launch");
    }

    @Test
    void reportsVersion380(OpenSearchServer os) throws Exception {
        HttpResponse<String> r = send(os, "GET", "/", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("version").path("number").asText()).isEqualTo("3.8.0");
        assertThat(os.version()).isEqualTo("3.8.0").isEqualTo(OpenSearchDistribution.defaultVersion());
    }

    @Test
    void indexesAndSearchesADocument(OpenSearchServer os) throws Exception {
        String index = "it-docs-" + System.nanoTime();
        HttpResponse<String> put = send(os, "PUT", "/" + index + "/_doc/1?refresh=true",
                "{\"message\":\"hello from logpipe\",\"level\":\"INFO\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);

        HttpResponse<String> search = send(os, "POST", "/" + index + "/_search",
                "{\"query\":{\"match\":{\"message\":\"logpipe\"}}}");
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        JsonNode hits = JSON.readTree(search.body()).path("hits");
        assertThat(hits.path("total").path("value").asInt()).isEqualTo(1);
        assertThat(hits.path("hits").get(0).path("_source").path("level").asText()).isEqualTo("INFO");

        // cluster.default_number_of_replicas=0 keeps an auto-created index, and so the cluster, green
        HttpResponse<String> health = send(os, "GET", "/_cluster/health/" + index, null);
        assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("green");
    }

    @Test
    void catPluginsAnswers(OpenSearchServer os) throws Exception {
        HttpResponse<String> r = send(os, "GET", "/_cat/plugins?format=json", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).isArray()).isTrue();
    }

    @Test
    void exposesLogFileAndPorts(OpenSearchServer os) {
        assertThat(os.httpUri().toString()).isEqualTo("http://127.0.0.1:" + os.httpPort());
        assertThat(os.transportPort()).isNotEqualTo(os.httpPort());
        assertThat(os.logFile()).isRegularFile();
        assertThat(os.isRunning()).isTrue();
        assertThat(os).isSameAs(OpenSearchServer.shared());
        if (SystemUser.runningAsRoot()) {
            assertThat(os.runAsUser()).contains(SystemUser.DEFAULT_NAME);
        }
    }

    @Test
    void logFileMentionsTheNode(OpenSearchServer os) throws IOException {
        assertThat(Files.readString(os.logFile())).contains(os.config().nodeName());
    }

    private HttpResponse<String> send(OpenSearchServer os, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(os.httpUri().resolve(path)).timeout(Duration.ofSeconds(60));
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
