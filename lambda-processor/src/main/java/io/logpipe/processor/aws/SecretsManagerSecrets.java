package io.logpipe.processor.aws;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.logpipe.processor.json.Json;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Reads one secret's {@code SecretString} with Secrets Manager's {@code GetSecretValue}, SigV4-signed over the
 * Lambda's URLConnection client. Written against the documented JSON protocol because the SDK's
 * {@code secretsmanager} module is not served by the repository this project builds from; the signer, the
 * credentials chain and the HTTP client are the SDK's own. Errors name the secret and the service's error
 * type, never the value.
 */
public final class SecretsManagerSecrets {
    /** Local endpoint (moto) instead of {@code https://secretsmanager.<region>.amazonaws.com}. */
    public static final String ENDPOINT_VARIABLE = "LOGPIPE_SECRETS_MANAGER_ENDPOINT";
    static final int MAX_RESPONSE_BYTES = 128 * 1024;   // a secret is at most 64 KiB; JSON framing on top

    private final AwsClientSettings settings;
    private final AwsCredentialsProvider credentials;

    public SecretsManagerSecrets(AwsClientSettings settings, AwsCredentialsProvider credentials) {
        this.settings = settings;
        this.credentials = credentials == null ? DefaultCredentialsProvider.builder().build() : credentials;
    }

    public static SecretsManagerSecrets fromEnv(Map<String, String> env) {
        return new SecretsManagerSecrets(AwsClientSettings.fromEnv(env, ENDPOINT_VARIABLE, "Secrets Manager"), null);
    }

    /** The secret's current {@code SecretString}; fails when it is missing, binary-only or unreadable. */
    public String secretString(String secretId) {
        URI endpoint = settings.endpoint() != null ? settings.endpoint()
                : URI.create("https://secretsmanager." + settings.region() + ".amazonaws.com");
        byte[] body = requestBody(secretId);
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.resolve("/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "secretsmanager.GetSecretValue")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "secretsmanager")
                .putProperty(AwsV4HttpSigner.REGION_NAME, settings.region()));
        try (SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(settings.attemptTimeout()).build()) {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            byte[] answer = read(response);
            int status = response.httpResponse().statusCode();
            if (status != 200) {
                throw new IllegalStateException("GetSecretValue for " + secretId + " failed with HTTP " + status + " ("
                        + field(answer, "__type") + ")");
            }
            String value = field(answer, "SecretString");
            if (value == null || value.isEmpty()) {
                throw new IllegalStateException("secret " + secretId + " has no SecretString");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("GetSecretValue for " + secretId + " failed: " + e.getMessage(), e);
        }
    }

    private static byte[] requestBody(String secretId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("SecretId", secretId);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] read(HttpExecuteResponse response) throws IOException {
        if (response.responseBody().isEmpty()) {
            return new byte[0];
        }
        try (InputStream in = response.responseBody().get()) {
            byte[] body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (body.length > MAX_RESPONSE_BYTES) {
                throw new IOException("the answer exceeds " + MAX_RESPONSE_BYTES + " bytes");
            }
            return body;
        }
    }

    /** A top-level string field of a JSON object, or null (also for a body that is not JSON). */
    private static String field(byte[] json, String name) {
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
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
        } catch (IOException e) {
            return null;
        }
    }
}
