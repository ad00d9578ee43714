package io.logpipe.testkit.servers;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A dedicated node survives stop/restart with its data and ports, and close() cleans up after it. */
class OpenSearchRestartIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void restartKeepsDataDirectoryAndPorts() throws Exception {
        Path nodeDir;
        try (OpenSearchServer os = OpenSearchServer.start(OpenSearchServer.Options.defaults()
                .withClusterName("logpipe-restart"))) {
            nodeDir = os.nodeDir();
            int httpPort = os.httpPort();
            int transportPort = os.transportPort();
            assertThat(os.logFile().getFileName().toString()).isEqualTo("logpipe-restart.log");

            assertThat(send(os, "PUT", "/restart-docs/_doc/1?refresh=true", "{\"n\":1}").statusCode())
                    .isEqualTo(201);

            os.stop();
            assertThat(os.isRunning()).isFalse();
            assertThat(os.pid()).isEqualTo(-1);
            assertThatThrownBy(() -> send(os, "GET", "/", null)).isInstanceOf(ConnectException.class);
            assertThat(ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine()
                    .map(c -> c.contains(StaleNodes.OPENSEARCH_MAIN) && c.contains(nodeDir.toString()))
                    .orElse(false))).as("node JVM gone after stop()").isFalse();

            os.restart();
            System.out.println("OpenSearch restart took " + os.lastStartDuration().toMillis() + " ms");
            assertThat(os.isRunning()).isTrue();
            assertThat(os.httpPort()).isEqualTo(httpPort);
            assertThat(os.transportPort()).isEqualTo(transportPort);
            assertThat(os.nodeDir()).isEqualTo(nodeDir);
            HttpResponse<String> doc = send(os, "GET", "/restart-docs/_doc/1", null);
            assertThat(doc.statusCode()).as(doc.body()).isEqualTo(200);
            assertThat(doc.body()).contains("\"n\":1");
        }
        assertThat(Files.exists(nodeDir)).as("close() deletes the launcher-created node dir").isFalse();
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
