package io.logpipe.processor.sink.opensearch;

import io.logpipe.processor.sink.opensearch.bulk.BulkRequest;
import io.logpipe.processor.sink.opensearch.bulk.BulkResponse;
import io.logpipe.processor.sink.opensearch.bulk.OpenSearchBulkSender;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Amazon OpenSearch Service cannot run here, so this checks the wire format the sink sends it: a bulk request
 * signed with AWS Signature Version 4 for service {@code es} (or {@code aoss}) in the configured region.
 * The SDK HTTP client is replaced by one that records the request and answers like a domain would.
 */
class SigV4TransportTest {

    /** Records requests; answers every one with a successful one-item bulk response. */
    private static final class RecordingHttpClient implements SdkHttpClient {
        final List<SdkHttpRequest> requests = new ArrayList<>();

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            requests.add(request.httpRequest());
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    byte[] body = "{\"errors\":false,\"items\":[{\"create\":{\"status\":201}}]}".getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpFullResponse.builder().statusCode(200).putHeader("Content-Type", "application/json").build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"es", "aoss"})
    void should_sign_bulk_requests_with_sigv4_for_the_configured_service_and_region(String service) throws Exception {
        OpenSearchSinkConfig config = new OpenSearchSinkConfig(URI.create("https://search-logs-abc.eu-west-1.es.amazonaws.com"),
                OpenSearchSinkConfig.Auth.SIGV4, null, null, service, "eu-west-1", "app-logs", 5 << 20, 5000, true, 3,
                Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(5));
        RecordingHttpClient http = new RecordingHttpClient();
        var client = OpenSearchClients.createSigV4(config, http,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")));
        byte[] body = "{\"create\":{\"_index\":\"app-logs\",\"_id\":\"1\"}}\n{\"message\":\"x\"}\n".repeat(40).getBytes(StandardCharsets.UTF_8);

        BulkResponse response = new OpenSearchBulkSender(client, "app-logs").send(new BulkRequest(body, List.of()));

        assertThat(response.status()).isEqualTo(200);
        SdkHttpRequest sent = http.requests.getFirst();
        assertThat(sent.method().name()).isEqualTo("POST");
        assertThat(sent.host()).isEqualTo("search-logs-abc.eu-west-1.es.amazonaws.com");
        assertThat(sent.encodedPath()).isEqualTo("/app-logs/_bulk");
        String authorization = sent.firstMatchingHeader("Authorization").orElseThrow();
        assertThat(authorization).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/eu-west-1/" + service + "/aws4_request")
                .contains("SignedHeaders=").contains("host").contains("x-amz-date")
                .containsPattern("Signature=[0-9a-f]{64}");
        assertThat(sent.firstMatchingHeader("X-Amz-Date")).isPresent();
        assertThat(sent.firstMatchingHeader("Content-Encoding")).contains("gzip");
        assertThat(authorization).doesNotContain("wJalrXUtnFEMI");
    }
}
