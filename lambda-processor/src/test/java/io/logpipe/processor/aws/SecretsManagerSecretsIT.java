package io.logpipe.processor.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpipe.testkit.servers.MotoExtension;
import io.logpipe.testkit.servers.MotoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GetSecretValue against moto's Secrets Manager: the value comes back; failures name the secret, never a value. */
@ExtendWith(MotoExtension.class)
class SecretsManagerSecretsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MotoServer moto;
    private final SecretsManagerSecrets secrets;

    SecretsManagerSecretsIT(MotoServer moto) {
        this.moto = moto;
        this.secrets = new SecretsManagerSecrets(AwsClientSettings.of(moto.region(), moto.uri()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(moto.accessKey(), moto.secretKey())));
    }

    @Test
    void reads_the_secret_string() throws Exception {
        String name = "logpipe/redact-" + UUID.randomUUID();
        String arn = create(name, "hmac key with \"quotes\" and unicode ü");
        assertThat(secrets.secretString(arn)).isEqualTo("hmac key with \"quotes\" and unicode ü");
        assertThat(secrets.secretString(name)).as("by name too").isEqualTo("hmac key with \"quotes\" and unicode ü");
    }

    @Test
    void a_missing_secret_fails_with_the_service_error_and_the_secret_id() {
        assertThatThrownBy(() -> secrets.secretString("logpipe/does-not-exist"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("logpipe/does-not-exist")
                .hasMessageContaining("ResourceNotFoundException");
    }

    /** Test setup through the same JSON protocol (moto does not check signatures); returns the secret's ARN. */
    private String create(String name, String value) throws Exception {
        String body = JSON.writeValueAsString(Map.of("Name", name, "SecretString", value));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(moto.uri().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "secretsmanager.CreateSecret")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + moto.accessKey() + "/20261122/"
                        + moto.region() + "/secretsmanager/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("ARN").asText();
    }
}
