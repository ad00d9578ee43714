package io.logpipe.processor.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpipe.processor.sink.opensearch.OpenSearchClients;
import io.logpipe.processor.sink.opensearch.index.BootstrapFailedException;
import io.logpipe.processor.sink.opensearch.index.BootstrapResource;
import io.logpipe.testkit.servers.OpenSearchExtension;
import io.logpipe.testkit.servers.OpenSearchServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bootstrap custom resource's Lambda handler against a real OpenSearch node, events as the Provider sends them. */
@ExtendWith(OpenSearchExtension.class)
class BootstrapHandlerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static URI node;

    @BeforeAll
    static void startNode(OpenSearchServer server) {
        node = server.httpUri();
    }

    private static BootstrapHandler handler() {
        return new BootstrapHandler(new BootstrapResource(Map.of(), OpenSearchClients::create));
    }

    private static String event(String requestType, String endpoint, String dataStream, String physicalId) {
        return """
                {"RequestType":"%s","ServiceToken":"arn:aws:lambda:eu-west-1:123456789012:function:provider",
                 "ResponseURL":"https://example.invalid/response","StackId":"arn:aws:cloudformation:eu-west-1:123456789012:stack/s/1",
                 "RequestId":"r-1","LogicalResourceId":"Bootstrap","ResourceType":"Custom::LogpipeBootstrap",
                 %s
                 "ResourceProperties":{"ServiceToken":"arn:aws:lambda:eu-west-1:123456789012:function:provider",
                   "Endpoint":"%s","DataStream":"%s","RetentionDays":"14","Replicas":"0","RefreshInterval":"1s",
                   "RoleArn":"arn:aws:iam::123456789012:role/logpipe-dev-processor"}}
                """.formatted(requestType, physicalId == null ? "" : "\"PhysicalResourceId\":\"" + physicalId + "\",",
                endpoint, dataStream);
    }

    private static JsonNode invoke(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler().handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return JSON.readTree(out.toByteArray());
    }

    private static int status(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(node.resolve(path)).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void createBootstrapsTheDataStreamAndUpdateChangesNothing() throws Exception {
        JsonNode created = invoke(event("Create", node.toString(), "cr-logs", null));
        assertThat(created.path("PhysicalResourceId").asText()).isEqualTo("logpipe-bootstrap-cr-logs");
        assertThat(created.path("Data").path("Summary").asText()).startsWith("ok: ").contains("index template cr-logs: created");
        assertThat(status("/_data_stream/cr-logs")).isEqualTo(200);
        assertThat(status("/_index_template/cr-logs")).isEqualTo(200);

        JsonNode updated = invoke(event("Update", node.toString(), "cr-logs", "logpipe-bootstrap-cr-logs"));
        assertThat(updated.path("PhysicalResourceId").asText()).isEqualTo("logpipe-bootstrap-cr-logs");
        assertThat(updated.path("Data").path("Summary").asText()).startsWith("ok, nothing to change");
    }

    @Test
    void deleteLeavesTheClusterAlone() throws Exception {
        invoke(event("Create", node.toString(), "cr-kept", null));
        JsonNode deleted = invoke(event("Delete", node.toString(), "cr-kept", "logpipe-bootstrap-cr-kept"));
        assertThat(deleted.path("PhysicalResourceId").asText()).isEqualTo("logpipe-bootstrap-cr-kept");
        assertThat(status("/_data_stream/cr-kept")).isEqualTo(200);
    }

    @Test
    void deleteOfAResourceThatNeverReachedTheClusterSucceeds() throws Exception {
        JsonNode deleted = invoke(event("Delete", "http://127.0.0.1:1", "cr-never", "logpipe-bootstrap-cr-never"));
        assertThat(deleted.path("PhysicalResourceId").asText()).isEqualTo("logpipe-bootstrap-cr-never");
    }

    @Test
    void anUnreachableClusterFailsWithTheStepAndTheReason() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + closedPort;
        assertThatThrownBy(() -> invoke(event("Create", endpoint, "cr-down", null)))
                .isInstanceOf(BootstrapFailedException.class)
                .hasMessageContaining("bootstrap of cr-down on " + endpoint + " failed")
                .hasMessageContaining("data stream cr-down: failed");
    }
}
