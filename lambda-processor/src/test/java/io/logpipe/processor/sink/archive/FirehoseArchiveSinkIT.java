package io.logpipe.processor.sink.archive;

import io.logpipe.processor.aws.AwsClientSettings;
import io.logpipe.processor.aws.S3Clients;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.DocumentEncoder;
import io.logpipe.testkit.servers.FreePorts;
import io.logpipe.testkit.servers.MotoExtension;
import io.logpipe.testkit.servers.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.logpipe.processor.sink.archive.ArchiveSamples.document;
import static io.logpipe.processor.sink.archive.ArchiveSamples.documents;
import static io.logpipe.processor.sink.archive.ArchiveSamples.encoded;
import static io.logpipe.processor.sink.archive.ArchiveSamples.lines;
import static io.logpipe.processor.sink.archive.ArchiveSamples.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Firehose archive against moto's Firehose API and a DirectPut delivery stream into moto's S3. moto writes
 * each PutRecordBatch call's records, concatenated, to one S3 object (under {@code <prefix>YYYY/MM/DD/HH/}, as it
 * implements neither de-aggregation, dynamic partitioning nor buffering), so the objects show what arrived and how
 * the calls were split; an interceptor on the client shows how the documents were packed into records.
 * Per-record failures cannot be injected into moto: that path is in FirehoseArchiveSinkTest.
 */
@ExtendWith(MotoExtension.class)
class FirehoseArchiveSinkIT {
    private static final String PREFIX = "logs/structured/";

    private final MotoServer moto;
    private final AwsClientSettings client;
    private String bucket;
    private String stream;
    /** Each PutRecordBatch call's records (their data as text), in call order. */
    private final List<List<String>> sent = new ArrayList<>();
    private final ExecutionInterceptor recorder = new ExecutionInterceptor() {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutRecordBatchRequest put) {
                sent.add(put.records().stream().map(r -> r.data().asUtf8String()).toList());
            }
        }
    };

    FirehoseArchiveSinkIT(MotoServer moto) {
        this.moto = moto;
        this.client = AwsClientSettings.of(moto.region(), moto.uri());
    }

    @BeforeEach
    void createStreamToBucket() {
        String id = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        bucket = "lake-" + id;
        stream = "logpipe-lake-" + id;
        try (S3Client s3 = s3(); FirehoseClient firehose = firehose()) {
            s3.createBucket(b -> b.bucket(bucket));
            firehose.createDeliveryStream(b -> b.deliveryStreamName(stream)
                    .deliveryStreamType(DeliveryStreamType.DIRECT_PUT)
                    .extendedS3DestinationConfiguration(d -> d
                            .bucketARN("arn:aws:s3:::" + bucket)
                            .roleARN("arn:aws:iam::123456789012:role/logpipe-firehose")
                            .prefix(PREFIX)));
        }
    }

    @Test
    void should_deliver_every_document_to_the_bucket_packed_into_one_record_when_archiving() throws Exception {
        List<LogEvent> docs = new ArrayList<>(documents("o", "orders", "2024-03-12T10:15:32Z", 20));
        docs.addAll(documents("p", "payments", "2024-03-12T11:02:00Z", 10));
        docs.add(document("u", "Billing Service", "2024-03-12T11:03:00Z", "Invoice \"42\" sent \u00e9\u00e8 \ud83d\ude00"));

        try (FirehoseArchiveSink sink = sink(FirehoseArchiveConfig.of(stream, client))) {
            assertThat(sink.archive(docs, Deadline.none())).isEqualTo(new ArchiveResult(31, List.of()));
        }

        assertThat(sent).singleElement().satisfies(records -> assertThat(records).singleElement()
                .satisfies(r -> assertThat(lines(r)).hasSize(31)));
        List<List<String>> objects = objects();
        assertThat(objects).hasSize(1);
        List<String> lines = objects.getFirst();
        assertThat(lines).hasSize(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            assertThat(tree(lines.get(i))).isEqualTo(encoded(docs.get(i)));
        }
    }

    @Test
    void should_pack_at_most_500_documents_per_record_when_the_batch_is_larger() throws Exception {
        List<LogEvent> docs = documents("o", "orders", "2024-03-12T10:15:32Z", 1_201);

        try (FirehoseArchiveSink sink = sink(FirehoseArchiveConfig.of(stream, client))) {
            assertThat(sink.archive(docs, Deadline.none()).archived()).isEqualTo(1_201);
        }

        assertThat(sent).singleElement().satisfies(records ->
                assertThat(records).extracting(r -> lines(r).size()).containsExactly(500, 500, 201));
        assertThat(objects().stream().flatMap(List::stream).map(l -> tree(l).at("/event/id").asText()))
                .containsExactlyElementsOf(docs.stream().map(d -> d.raw.id()).toList());
    }

    @Test
    void should_split_into_calls_of_at_most_the_record_limit_when_there_are_more_records() throws Exception {
        List<LogEvent> docs = documents("o", "orders", "2024-03-12T10:15:32Z", 1_201);
        FirehoseArchiveConfig config = FirehoseArchiveConfig.of(stream, client).withRecordDocuments(100)
                .withBatchLimits(5, 4L << 20, FirehoseArchiveConfig.API_MAX_RECORD_BYTES);

        try (FirehoseArchiveSink sink = sink(config)) {
            assertThat(sink.archive(docs, Deadline.none()).archived()).isEqualTo(1_201);
        }

        // 13 records of <= 100 documents, 5 per call
        assertThat(sent).extracting(List::size).containsExactly(5, 5, 3);
        List<List<String>> objects = objects();
        assertThat(objects).extracting(List::size).containsExactlyInAnyOrder(500, 500, 201);
        assertThat(objects.stream().flatMap(List::stream).map(l -> tree(l).at("/event/id").asText()))
                .containsExactlyInAnyOrderElementsOf(docs.stream().map(d -> d.raw.id()).toList());
    }

    @Test
    void should_keep_records_and_calls_within_the_byte_limits_when_archiving() throws Exception {
        List<LogEvent> docs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {      // all the same size
            docs.add(document("e-%03d".formatted(i), "orders", "2024-03-12T10:15:32Z", "request %03d served".formatted(i)));
        }
        int docBytes = recordBytes(docs.getFirst());
        FirehoseArchiveConfig config = FirehoseArchiveConfig.of(stream, client)
                .withBatchLimits(500, 6L * docBytes + 1, 3 * docBytes + 1);

        try (FirehoseArchiveSink sink = sink(config)) {
            sink.archive(docs, Deadline.none());
        }

        // records of 3 documents, 2 records per call
        assertThat(sent).hasSize(5).allSatisfy(records -> {
            assertThat(records).hasSize(2).allSatisfy(r -> {
                assertThat(lines(r)).hasSize(3);
                assertThat(r.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(config.maxRecordBytes());
            });
        });
        assertThat(objects()).extracting(List::size).containsExactly(6, 6, 6, 6, 6);
    }

    @Test
    void should_deliver_the_rest_and_dead_letter_a_document_when_it_exceeds_the_record_limit() throws Exception {
        List<LogEvent> docs = List.of(document("small", "orders", "2024-03-12T10:15:32Z", "fine"),
                document("huge", "orders", "2024-03-12T10:15:33Z", "x".repeat(5_000)),
                document("alone", "orders", "2024-03-12T10:15:34Z", "y".repeat(3_500)),
                document("last", "orders", "2024-03-12T10:15:35Z", "fine"));
        FirehoseArchiveConfig config = FirehoseArchiveConfig.of(stream, client).withBatchLimits(500, 4L << 20, 4_096);

        ArchiveResult result;
        try (FirehoseArchiveSink sink = sink(config)) {
            result = sink.archive(docs, Deadline.none());
        }

        assertThat(result.archived()).isEqualTo(3);
        assertThat(result.rejected()).extracting(d -> d.eventId()).containsExactly("huge");
        assertThat(result.rejected().getFirst().reason()).contains("record limit is 4096 bytes");
        // "alone" fits a record only by itself
        assertThat(sent).singleElement().satisfies(records -> assertThat(records)
                .extracting(r -> lines(r).stream().map(l -> tree(l).at("/event/id").asText()).toList())
                .containsExactly(List.of("small"), List.of("alone"), List.of("last")));
        assertThat(objects()).singleElement().satisfies(lines ->
                assertThat(lines).extracting(l -> tree(l).at("/event/id").asText()).containsExactly("small", "alone", "last"));
    }

    @Test
    void should_throw_when_the_delivery_stream_does_not_exist() {
        try (FirehoseArchiveSink sink = sink(FirehoseArchiveConfig.of(stream + "-missing", client))) {
            assertThatThrownBy(() -> sink.archive(documents("o", "orders", "2024-03-12T10:15:32Z", 3), Deadline.none()))
                    .isInstanceOf(ArchiveUnavailableException.class)
                    .hasMessageContaining(stream + "-missing")
                    .hasCauseInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void should_throw_after_the_sdk_bounded_attempts_when_the_endpoint_is_unreachable() {
        AwsClientSettings unreachable = client.withEndpoint(URI.create("http://127.0.0.1:" + FreePorts.pick()))
                .withRetries(3, Duration.ofSeconds(2), Duration.ofSeconds(10));
        AtomicInteger attempts = new AtomicInteger();
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                attempts.incrementAndGet();
            }
        };
        long start = System.nanoTime();

        try (FirehoseArchiveSink sink = new FirehoseArchiveSink(FirehoseArchiveConfig.of(stream, unreachable),
                FirehoseClients.create(unreachable, credentials(), List.of(counter)))) {
            assertThatThrownBy(() -> sink.archive(documents("o", "orders", "2024-03-12T10:15:32Z", 3), Deadline.none()))
                    .isInstanceOf(ArchiveUnavailableException.class)
                    .hasMessageContaining("PutRecordBatch of 1 record (3 documents) failed");
        }

        assertThat(attempts).hasValue(3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    private FirehoseArchiveSink sink(FirehoseArchiveConfig config) {
        return new FirehoseArchiveSink(config, FirehoseClients.create(client, credentials(), List.of(recorder)));
    }

    /** Each object's lines, oldest object first. */
    private List<List<String>> objects() {
        try (S3Client s3 = s3()) {
            List<S3Object> listed = new ArrayList<>(s3.listObjectsV2(b -> b.bucket(bucket)).contents());
            listed.sort(Comparator.comparing(S3Object::lastModified));
            List<List<String>> out = new ArrayList<>();
            for (S3Object o : listed) {
                assertThat(o.key()).startsWith(PREFIX);
                out.add(lines(s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asUtf8String()));
            }
            return out;
        }
    }

    private static int recordBytes(LogEvent e) {
        DocumentEncoder encoder = new DocumentEncoder();
        encoder.encode(e);
        return encoder.size() + 1;
    }

    private FirehoseClient firehose() {
        return FirehoseClients.create(client, credentials(), List.of());
    }

    private S3Client s3() {
        return S3Clients.create(client, credentials(), List.of());
    }

    private StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(moto.accessKey(), moto.secretKey()));
    }
}
