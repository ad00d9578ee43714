package io.logpipe.processor.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpipe.processor.clean.TimestampFormatter;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.testkit.servers.FreePorts;
import io.logpipe.testkit.servers.S3ProxyExtension;
import io.logpipe.testkit.servers.S3ProxyServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.logpipe.processor.dlq.DeadLetterSamples.T0;
import static io.logpipe.processor.dlq.DeadLetterSamples.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/** The sink against a real S3 API (S3Proxy, SigV4-authenticated) through the production client. */
@ExtendWith(S3ProxyExtension.class)
class S3DeadLetterSinkIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant PROCESSED = Instant.parse("2024-03-12T10:15:33.002Z");

    private final S3ProxyServer s3;
    private final RecordingInterceptor wire = new RecordingInterceptor();
    private String bucket;
    private S3DeadLetterConfig config;

    S3DeadLetterSinkIT(S3ProxyServer s3) {
        this.s3 = s3;
    }

    @BeforeEach
    void createBucket() {
        bucket = "dlq-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        s3.createBucket(bucket);
        config = S3DeadLetterConfig.of(bucket, "eu-west-1").withEndpoint(s3.uri());
    }

    @Test
    void should_store_one_gzip_ndjson_object_that_round_trips_every_field_when_a_batch_is_accepted() throws IOException {
        List<DeadLetter> letters = batch(T0);

        try (S3DeadLetterSink sink = sink(config, PROCESSED)) {
            sink.accept(letters);
        }

        try (S3Client reader = reader()) {
            List<S3Object> objects = reader.listObjectsV2(b -> b.bucket(bucket)).contents();
            assertThat(objects).hasSize(1);
            String key = objects.getFirst().key();
            assertThat(key).matches("dead-letter/dt=2024-03-12/hour=10/[0-9a-f]{16}\\.ndjson\\.gz")
                    .isEqualTo(S3DeadLetterKey.of("dead-letter/", letters, PROCESSED));

            ResponseBytes<GetObjectResponse> object = reader.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            assertThat(object.response().contentType()).isEqualTo("application/x-ndjson");
            assertThat(object.response().contentEncoding()).isEqualTo("gzip");
            assertThat(object.response().metadata()).containsEntry("dead-letters", "4");

            List<String> lines = S3DeadLetterSinkTest.gunzipLines(object.asByteArray());
            assertThat(lines).hasSameSizeAs(letters);
            for (int i = 0; i < letters.size(); i++) {
                assertRoundTrips(JSON.readTree(lines.get(i)), letters.get(i));
            }
        }
    }

    @Test
    void should_overwrite_the_same_object_when_the_same_batch_is_dead_lettered_again_in_the_hour() throws IOException {
        try (S3DeadLetterSink first = sink(config, PROCESSED)) {
            first.accept(batch(T0));
        }
        long redeliveredAt = T0 + Duration.ofMinutes(20).toMillis();
        try (S3DeadLetterSink retry = sink(config, PROCESSED.plus(Duration.ofMinutes(20)))) {
            retry.accept(batch(redeliveredAt));
        }

        try (S3Client reader = reader()) {
            List<S3Object> objects = reader.listObjectsV2(b -> b.bucket(bucket)).contents();
            assertThat(objects).hasSize(1);
            byte[] gz = reader.getObjectAsBytes(b -> b.bucket(bucket).key(objects.getFirst().key())).asByteArray();
            List<String> lines = S3DeadLetterSinkTest.gunzipLines(gz);
            assertThat(lines).hasSize(4);
            assertThat(JSON.readTree(lines.getFirst()).get("@timestamp").asText())
                    .isEqualTo(new TimestampFormatter().format(redeliveredAt));   // the retry's copy won
        }
        assertThat(wire.puts()).hasSize(2);
        assertThat(wire.puts().get(0).encodedPath()).isEqualTo(wire.puts().get(1).encodedPath());
    }

    @Test
    void should_store_a_second_object_when_a_different_batch_arrives_in_the_same_hour() {
        try (S3DeadLetterSink sink = sink(config, PROCESSED)) {
            sink.accept(batch(T0));
            sink.accept(batch(T0).subList(0, 2));
        }

        try (S3Client reader = reader()) {
            assertThat(reader.listObjectsV2(b -> b.bucket(bucket)).contents()).hasSize(2);
        }
    }

    @Test
    void should_request_sse_s3_on_the_wire_when_no_kms_key_is_configured() {
        try (S3DeadLetterSink sink = sink(config, PROCESSED)) {
            sink.accept(batch(T0));
        }

        SdkHttpRequest put = wire.puts().getFirst();
        assertThat(put.firstMatchingHeader("x-amz-server-side-encryption")).hasValue("AES256");
        assertThat(put.firstMatchingHeader("x-amz-server-side-encryption-aws-kms-key-id")).isEmpty();
        assertThat(signedHeaders(put)).contains("x-amz-server-side-encryption");
    }

    @Test
    void should_request_sse_kms_with_the_key_on_the_wire_when_a_kms_key_is_configured() {
        String key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

        try (S3DeadLetterSink sink = sink(config.withKmsKeyId(key), PROCESSED)) {
            sink.accept(batch(T0));
        }

        SdkHttpRequest put = wire.puts().getFirst();
        assertThat(put.firstMatchingHeader("x-amz-server-side-encryption")).hasValue("aws:kms");
        assertThat(put.firstMatchingHeader("x-amz-server-side-encryption-aws-kms-key-id")).hasValue(key);
        assertThat(signedHeaders(put)).contains("x-amz-server-side-encryption",
                "x-amz-server-side-encryption-aws-kms-key-id");
    }

    @Test
    void should_send_a_plain_gzip_body_with_a_crc32_header_when_putting() {
        try (S3DeadLetterSink sink = sink(config, PROCESSED)) {
            sink.accept(batch(T0));
        }

        SdkHttpRequest put = wire.puts().getFirst();
        assertThat(put.matchingHeaders("Content-Encoding")).containsExactly("gzip");   // no aws-chunked framing
        assertThat(put.firstMatchingHeader("x-amz-content-sha256")).get(STRING).doesNotStartWith("STREAMING");
        assertThat(put.firstMatchingHeader("Content-Type")).hasValue("application/x-ndjson");
        assertThat(put.firstMatchingHeader("x-amz-checksum-crc32")).isPresent();
    }

    @Test
    void should_throw_after_the_bounded_attempts_when_the_endpoint_is_unreachable() {
        URI nobody = URI.create("http://127.0.0.1:" + FreePorts.pick());
        S3DeadLetterConfig unreachable = config.withEndpoint(nobody)
                .withRetries(3, Duration.ofSeconds(2), Duration.ofSeconds(10));
        long start = System.nanoTime();

        try (S3DeadLetterSink sink = sink(unreachable, PROCESSED)) {
            assertThatThrownBy(() -> sink.accept(batch(T0)))
                    .isInstanceOf(DeadLetterStoreException.class)
                    .hasMessageContaining("could not store 4 dead letters at s3://" + bucket + "/dead-letter/");
        }

        assertThat(wire.puts()).hasSize(3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void should_throw_when_the_bucket_does_not_exist() {
        S3DeadLetterConfig missing = new S3DeadLetterConfig(bucket + "-missing", config.prefix(), null,
                config.region(), s3.uri(), 3, config.attemptTimeout(), config.callTimeout());

        try (S3DeadLetterSink sink = sink(missing, PROCESSED)) {
            assertThatThrownBy(() -> sink.accept(batch(T0)))
                    .isInstanceOf(DeadLetterStoreException.class)
                    .hasMessageContaining("s3://" + bucket + "-missing/")
                    .cause().isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(404));
        }
        assertThat(wire.puts()).hasSize(1);    // a 404 is final: not retried
    }

    private S3DeadLetterSink sink(S3DeadLetterConfig c, Instant now) {
        S3Client client = S3DeadLetterClients.create(c, credentials(), List.of(wire));
        return new S3DeadLetterSink(client, c, Clock.fixed(now, ZoneOffset.UTC));
    }

    private S3Client reader() {
        return S3DeadLetterClients.create(config, credentials(), List.of());
    }

    private StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
    }

    private static List<String> signedHeaders(SdkHttpRequest request) {
        String auth = request.firstMatchingHeader("Authorization").orElseThrow();
        String signed = auth.replaceAll(".*SignedHeaders=([^,]+).*", "$1");
        return List.of(signed.split(";"));
    }

    private static void assertRoundTrips(JsonNode n, DeadLetter d) {
        assertThat(n.get("@timestamp").asText()).isEqualTo(new TimestampFormatter().format(d.time()));
        assertThat(n.get("stage").asText()).isEqualTo(d.stage().label());
        assertThat(n.get("error_type").asText()).isEqualTo(d.kind().label());
        assertThat(n.get("reason").asText()).isEqualTo(d.reason());
        assertThat(n.get("retryable").asBoolean()).isEqualTo(d.kind().retryable());
        assertThat(n.get("events").asInt()).isEqualTo(d.events());
        assertThat(n.path("event_id").isMissingNode() ? null : n.get("event_id").asText()).isEqualTo(d.eventId());
        assertThat(n.get("original").asText()).isEqualTo(d.original());
        assertThat(n.path("document").isMissingNode() ? null : n.get("document").asText()).isEqualTo(d.document());
        JsonNode source = n.path("source");
        if (d.source() == null) {
            assertThat(source.isMissingNode()).isTrue();
            return;
        }
        assertThat(source.get("kind").asText()).isEqualTo(d.source().kind().name().toLowerCase(Locale.ROOT));
        if (d.source().logGroup() != null) {
            assertThat(source.get("log_group").asText()).isEqualTo(d.source().logGroup());
            assertThat(source.get("log_stream").asText()).isEqualTo(d.source().logStream());
            assertThat(source.get("owner").asText()).isEqualTo(d.source().owner());
        }
        if (d.source().topic() != null) {
            assertThat(source.get("topic").asText()).isEqualTo(d.source().topic());
            assertThat(source.get("partition").asInt()).isEqualTo(d.source().partition());
            assertThat(source.get("offset").asLong()).isEqualTo(d.source().offset());
        }
    }

    /** The signed HTTP requests as they leave the SDK, one per attempt. */
    private static final class RecordingInterceptor implements ExecutionInterceptor {
        private final List<SdkHttpRequest> requests = new CopyOnWriteArrayList<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            requests.add(context.httpRequest());
        }

        List<SdkHttpRequest> puts() {
            return requests.stream().filter(r -> r.method().name().equals("PUT")).toList();
        }
    }
}
