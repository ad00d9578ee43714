package io.logpipe.topics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * MSK's GetBootstrapBrokers ({@code GET /v1/clusters/<arn>/bootstrap-brokers}), SigV4-signed for service
 * {@code kafka}: the IAM bootstrap string of a Serverless cluster is available from the API only.
 */
public final class MskBootstrapBrokers {
    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @param endpoint e.g. https://kafka.eu-west-1.amazonaws.com */
    public MskBootstrapBrokers(URI endpoint, String region, AwsCredentialsProvider credentials) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
    }

    public static URI defaultEndpoint(String region) {
        return URI.create("https://kafka." + region + ".amazonaws.com");
    }

    /** The {@code BootstrapBrokerStringSaslIam} of the cluster. */
    public String saslIam(String clusterArn) throws IOException, InterruptedException {
        String path = "/v1/clusters/" + URLEncoder.encode(clusterArn, StandardCharsets.UTF_8) + "/bootstrap-brokers";
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(endpoint.resolve(path))
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(unsigned)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kafka")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.request().getUri()).GET().timeout(Duration.ofSeconds(20));
        for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
            if (!h.getKey().equalsIgnoreCase("host")) {           // the JDK client sets Host itself, to the same value
                h.getValue().forEach(v -> request.header(h.getKey(), v));
            }
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] body = response.body();
        if (body.length > MAX_RESPONSE_BYTES) {
            throw new IOException("GetBootstrapBrokers answered with more than " + MAX_RESPONSE_BYTES + " bytes");
        }
        if (response.statusCode() != 200) {
            throw new IOException("GetBootstrapBrokers for " + clusterArn + " failed with HTTP " + response.statusCode()
                    + ": " + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8));
        }
        String brokers = field(body, "BootstrapBrokerStringSaslIam");
        if (brokers == null || brokers.isBlank()) {
            throw new IOException("cluster " + clusterArn + " has no IAM bootstrap brokers (is IAM auth enabled?)");
        }
        return brokers;
    }

    private static String field(byte[] json, String name) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("GetBootstrapBrokers answered with something other than a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (key.equals(name) && value == JsonToken.VALUE_STRING) {
                    return p.getText();
                }
                p.skipChildren();
            }
            return null;
        }
    }
}
