package io.logpipe.topics;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * GetBootstrapBrokers as signed and parsed, against a local HTTP endpoint standing in for the MSK API (moto has
 * no MSK bootstrap-brokers call): the request path, the SigV4 scope for service kafka, and the answers.
 */
class MskBootstrapBrokersTest {
    private static final String ARN = "arn:aws:kafka:eu-west-1:123456789012:cluster/logpipe-prod/0a1b-2c";
    private HttpServer server;

    private MskBootstrapBrokers client(int status, String body, AtomicReference<String> seen) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.set(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " | "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return new MskBootstrapBrokers(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "eu-west-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void signsTheCallForKafkaAndReturnsTheIamBootstrapString() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        String brokers = client(200, "{\"BootstrapBrokerString\":null,"
                + "\"BootstrapBrokerStringSaslIam\":\"boot-abc.c1.kafka-serverless.eu-west-1.amazonaws.com:9098\"}", seen)
                .saslIam(ARN);
        assertThat(brokers).isEqualTo("boot-abc.c1.kafka-serverless.eu-west-1.amazonaws.com:9098");
        assertThat(seen.get())
                .startsWith("GET /v1/clusters/arn%3Aaws%3Akafka%3Aeu-west-1%3A123456789012%3Acluster%2Flogpipe-prod%2F0a1b-2c/bootstrap-brokers")
                .contains("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/eu-west-1/kafka/aws4_request");
    }

    @Test
    void anErrorAnswerFailsWithTheStatus() throws IOException {
        AtomicReference<String> seen = new AtomicReference<>();
        MskBootstrapBrokers client = client(403, "{\"message\":\"not authorized\"}", seen);
        assertThatThrownBy(() -> client.saslIam(ARN)).isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 403").hasMessageContaining("not authorized");
    }

    @Test
    void aClusterWithoutIamAuthIsAClearError() throws IOException {
        AtomicReference<String> seen = new AtomicReference<>();
        MskBootstrapBrokers client = client(200, "{\"BootstrapBrokerStringTls\":\"b-1:9094\"}", seen);
        assertThatThrownBy(() -> client.saslIam(ARN)).hasMessageContaining("no IAM bootstrap brokers");
    }
}
