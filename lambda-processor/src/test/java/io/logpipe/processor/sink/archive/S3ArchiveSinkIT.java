package io.logpipe.processor.sink.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.aws.AwsClientSettings;
import io.logpipe.processor.aws.S3Clients;
import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.model.SourceKind;
import io.logpipe.processor.pipeline.LogProcessor;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.DryRunSink;
import io.logpipe.processor.sink.SinkUnavailableException;
import io.logpipe.testkit.fixtures.CloudWatchEvents;
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

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.logpipe.processor.sink.archive.ArchiveSamples.document;
import static io.logpipe.processor.sink.archive.ArchiveSamples.encoded;
import static io.logpipe.processor.sink.archive.ArchiveSamples.gunzipLines;
import static io.logpipe.processor.sink.archive.ArchiveSamples.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** The S3 archive against a real S3 API (S3Proxy, SigV4-authenticated) through the production client. */
@ExtendWith(S3ProxyExtension.class)
class S3ArchiveSinkIT {
    private final S3ProxyServer s3;
    private final RecordingInterceptor wire = new RecordingInterceptor();
    private String bucket;
    private S3ArchiveConfig config;

    S3ArchiveSinkIT(S3ProxyServer s3) {
        this.s3 = s3;
    }

    @BeforeEach
    void createBucket() {
        bucket = "lake-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        s3.createBucket(bucket);
        config = S3ArchiveConfig.of(bucket, AwsClientSettings.of("eu-west-1", s3.uri()));
    }

    /** orders in two hours, payments, and a service name that needs sanitising; ids interleaved. */
    private static List<LogEvent> batch() {
        return List.of(
                document("3833-01", "orders", "2024-03-12T10:15:32.481Z", "Payment authorized"),
                document("3833-02", "payments", "2024-03-12T10:15:33.000Z", "Charge created"),
                document("3833-03", "orders", "2024-03-12T10:59:59.999Z", "Order shipped"),
                document("3833-04", "orders", "2024-03-12T11:00:00.000Z", "Order delivered"),
                document("3833-05", "Billing Service/v2", "2024-03-12T10:20:00.000Z", "Invoice \"42\" sent \u00e9\u00e8"),
                document("3833-06", "orders", "2024-03-12T10:16:00.000Z", "Payment captured"));
    }

    @Test
    void should_write_one_object_per_partition_under_deterministic_keys_when_documents_span_services_and_hours()
            throws Exception {
        List<LogEvent> docs = batch();

        try (S3ArchiveSink sink = sink(config)) {
            assertThat(sink.archive(docs, Deadline.none())).isEqualTo(new ArchiveResult(6, List.of()));
        }

        String p = "logs/structured/";
        assertThat(keys()).containsExactlyInAnyOrder(
                ArchiveKey.of(p, new ArchivePartition("orders", "2024-03-12", "10"), List.of("3833-01", "3833-03", "3833-06")),
                ArchiveKey.of(p, new ArchivePartition("orders", "2024-03-12", "11"), List.of("3833-04")),
                ArchiveKey.of(p, new ArchivePartition("payments", "2024-03-12", "10"), List.of("3833-02")),
                ArchiveKey.of(p, new ArchivePartition("billing_service_v2", "2024-03-12", "10"), List.of("3833-05")));
        assertThat(keys()).allSatisfy(k -> assertThat(k).matches(
                "logs/structured/service=[a-z0-9._-]+/dt=\\d{4}-\\d{2}-\\d{2}/hour=\\d{2}/[0-9a-f]{16}\\.ndjson\\.gz"));
    }

    @Test
    void should_round_trip_every_document_as_gzip_ndjson_when_read_back() throws Exception {
        List<LogEvent> docs = batch();

        try (S3ArchiveSink sink = sink(config)) {
            sink.archive(docs, Deadline.none());
        }

        Map<String, JsonNode> read = new HashMap<>();
        try (S3Client reader = reader()) {
            for (String key : keys()) {
                ResponseBytes<GetObjectResponse> object = reader.getObjectAsBytes(b -> b.bucket(bucket).key(key));
                assertThat(object.response().contentType()).isEqualTo("application/x-ndjson");
                assertThat(object.response().contentEncoding()).isEqualTo("gzip");
                List<String> lines = gunzipLines(object.asByteArray());
                assertThat(object.response().metadata()).containsEntry("documents", Integer.toString(lines.size()));
                for (String line : lines) {
                    JsonNode doc = tree(line);
                    assertThat(key).contains("service=" + ArchivePartition.sanitizeService(doc.at("/service/name").asText())
                            + "/dt=" + doc.get("@timestamp").asText().substring(0, 10)
                            + "/hour=" + doc.get("@timestamp").asText().substring(11, 13) + "/");
                    read.put(doc.at("/event/id").asText(), doc);
                }
            }
        }
        assertThat(read).hasSize(docs.size());
        for (LogEvent d : docs) {
            assertThat(read.get(d.raw.id())).isEqualTo(encoded(d));
        }
    }

    @Test
    void should_leave_the_same_objects_when_the_same_batch_is_redelivered_in_another_order() throws Exception {
        try (S3ArchiveSink first = sink(config)) {
            first.archive(batch(), Deadline.none());
        }
        List<String> before = keys();
        List<LogEvent> shuffled = new ArrayList<>(batch());
        Collections.shuffle(shuffled, new Random(7));

        try (S3ArchiveSink retry = sink(config)) {
            retry.archive(shuffled, Deadline.none());
        }

        assertThat(keys()).containsExactlyInAnyOrderElementsOf(before).hasSize(4);
        assertThat(wire.puts()).hasSize(8);
        assertThat(wire.puts().subList(4, 8)).extracting(SdkHttpRequest::encodedPath)
                .containsExactlyInAnyOrderElementsOf(wire.puts().subList(0, 4).stream().map(SdkHttpRequest::encodedPath).toList());
    }

    @Test
    void should_add_objects_beside_the_first_when_a_different_batch_lands_in_the_same_partitions() throws Exception {
        try (S3ArchiveSink sink = sink(config)) {
            sink.archive(batch(), Deadline.none());
            sink.archive(List.of(document("3834-01", "orders", "2024-03-12T10:30:00Z", "next batch")), Deadline.none());
        }

        assertThat(keys()).hasSize(5).filteredOn(k -> k.contains("service=orders/dt=2024-03-12/hour=10/")).hasSize(2);
    }

    @Test
    void should_request_sse_on_the_wire_when_putting() throws Exception {
        String kms = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        try (S3ArchiveSink plain = sink(config); S3ArchiveSink withKms = sink(config.withKmsKeyId(kms))) {
            plain.archive(batch().subList(0, 1), Deadline.none());
            withKms.archive(batch().subList(1, 2), Deadline.none());
        }

        assertThat(wire.puts().get(0).firstMatchingHeader("x-amz-server-side-encryption")).hasValue("AES256");
        assertThat(wire.puts().get(1).firstMatchingHeader("x-amz-server-side-encryption")).hasValue("aws:kms");
        assertThat(wire.puts().get(1).firstMatchingHeader("x-amz-server-side-encryption-aws-kms-key-id")).hasValue(kms);
        assertThat(wire.puts().get(0).firstMatchingHeader("x-amz-checksum-crc32")).isPresent();
    }

    @Test
    void should_throw_after_the_bounded_attempts_when_the_endpoint_is_unreachable() {
        URI nobody = URI.create("http://127.0.0.1:" + FreePorts.pick());
        S3ArchiveConfig unreachable = config.withClient(config.client().withEndpoint(nobody)
                .withRetries(3, Duration.ofSeconds(2), Duration.ofSeconds(10)));
        long start = System.nanoTime();

        try (S3ArchiveSink sink = sink(unreachable)) {
            assertThatThrownBy(() -> sink.archive(batch(), Deadline.none()))
                    .asInstanceOf(type(ArchiveUnavailableException.class))
                    .satisfies(e -> {
                        assertThat(e).hasMessageContaining("could not store 3 documents at s3://" + bucket
                                + "/logs/structured/service=orders/dt=2024-03-12/hour=10/");
                        assertThat(e.archived()).isZero();
                        assertThat(e.notArchived()).isEqualTo(6);
                    });
        }

        assertThat(wire.puts()).hasSize(3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void should_throw_without_retrying_when_the_bucket_does_not_exist() {
        try (S3ArchiveSink sink = sink(config.withBucket(bucket + "-missing"))) {
            assertThatThrownBy(() -> sink.archive(batch(), Deadline.none()))
                    .isInstanceOf(ArchiveUnavailableException.class)
                    .hasMessageContaining("s3://" + bucket + "-missing/")
                    .cause().isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(404));
        }
        assertThat(wire.puts()).hasSize(1);    // a 404 is final: not retried
    }

    @Test
    void should_fail_the_invocation_and_store_no_dead_letters_when_the_archive_cannot_store() {
        List<DeadLetter> deadLetters = new ArrayList<>();
        String event = CloudWatchEvents.payload("/ecs/orders", "orders-1")
                .event(1_710_238_532_000L, "{\"level\":\"info\",\"msg\":\"ok\"}")
                .event(1_710_238_532_001L, "{\"level\":\"info\",\"msg\":\"ok again\"}")
                .toLambdaEvent();

        try (PrimaryAndArchiveSink sink = new PrimaryAndArchiveSink(new DryRunSink(), sink(config.withBucket(bucket + "-missing")))) {
            LogProcessor processor = new LogProcessor(PipelineConfig.defaults(), sink, deadLetters::addAll);
            assertThatThrownBy(() -> processor.process(event.getBytes(StandardCharsets.UTF_8), SourceKind.CLOUDWATCH,
                    Deadline.none()))
                    .isInstanceOf(SinkUnavailableException.class)
                    .hasMessageStartingWith("archive unavailable: could not store 2 documents");
        }
        assertThat(deadLetters).isEmpty();
        assertThat(keys()).isEmpty();
    }

    private S3ArchiveSink sink(S3ArchiveConfig c) {
        return new S3ArchiveSink(S3Clients.create(c.client(), credentials(), List.of(wire)), c);
    }

    private S3Client reader() {
        return S3Clients.create(config.client(), credentials(), List.of());
    }

    private List<String> keys() {
        try (S3Client reader = reader()) {
            return reader.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
        }
    }

    private StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
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
