package io.logpipe.processor.sink.archive;

import io.logpipe.processor.aws.AwsClientSettings;
import io.logpipe.processor.aws.RecordingS3;
import io.logpipe.processor.aws.S3Clients;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.sink.Deadline;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.time.Duration;
import java.util.List;

import static io.logpipe.processor.sink.archive.ArchiveSamples.document;
import static io.logpipe.processor.sink.archive.ArchiveSamples.documents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** The requests the sink builds, against an in-memory S3Client; the wire behaviour is in S3ArchiveSinkIT. */
class S3ArchiveSinkTest {
    private static final S3ArchiveConfig CONFIG = S3ArchiveConfig.of("lake-bucket", AwsClientSettings.of("eu-west-1", null));

    private final RecordingS3 s3 = new RecordingS3();

    @Test
    void should_put_one_object_per_partition_in_order_of_first_appearance_when_a_batch_spans_partitions() throws Exception {
        List<LogEvent> docs = List.of(
                document("a", "orders", "2024-03-12T10:59:59.000Z", "one"),
                document("b", "payments", "2024-03-12T10:00:00.000Z", "two"),
                document("c", "orders", "2024-03-12T11:00:00.000Z", "three"),
                document("d", "orders", "2024-03-12T10:01:00.000Z", "four"));

        ArchiveResult result = new S3ArchiveSink(s3, CONFIG).archive(docs, Deadline.none());

        assertThat(result).isEqualTo(new ArchiveResult(4, List.of()));
        assertThat(s3.requests).extracting(PutObjectRequest::key).containsExactly(
                ArchiveKey.of("logs/structured/", new ArchivePartition("orders", "2024-03-12", "10"), List.of("a", "d")),
                ArchiveKey.of("logs/structured/", new ArchivePartition("payments", "2024-03-12", "10"), List.of("b")),
                ArchiveKey.of("logs/structured/", new ArchivePartition("orders", "2024-03-12", "11"), List.of("c")));
        assertThat(s3.requests.getFirst().metadata()).containsEntry("documents", "2");
        assertThat(ArchiveSamples.gunzipLines(s3.bodies.getFirst())).hasSize(2);
    }

    @Test
    void should_describe_the_object_and_its_checksum_when_putting() throws Exception {
        new S3ArchiveSink(s3, CONFIG).archive(documents("e", "orders", "2024-03-12T10:15:32Z", 3), Deadline.none());

        PutObjectRequest put = s3.requests.getFirst();
        assertThat(put.bucket()).isEqualTo("lake-bucket");
        assertThat(put.contentType()).isEqualTo("application/x-ndjson");
        assertThat(put.contentEncoding()).isEqualTo("gzip");
        assertThat(put.contentLength()).isEqualTo(s3.bodies.getFirst().length);
        assertThat(put.checksumCRC32()).isEqualTo(S3Clients.crc32(s3.bodies.getFirst()));
    }

    @Test
    void should_request_sse_s3_explicitly_when_no_kms_key_is_configured() throws Exception {
        new S3ArchiveSink(s3, CONFIG).archive(documents("e", "orders", "2024-03-12T10:15:32Z", 1), Deadline.none());

        assertThat(s3.requests.getFirst().serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(s3.requests.getFirst().ssekmsKeyId()).isNull();
    }

    @Test
    void should_request_sse_kms_with_the_key_when_a_kms_key_is_configured() throws Exception {
        String key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd";

        new S3ArchiveSink(s3, CONFIG.withKmsKeyId(key)).archive(documents("e", "orders", "2024-03-12T10:15:32Z", 1),
                Deadline.none());

        assertThat(s3.requests.getFirst().serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(s3.requests.getFirst().ssekmsKeyId()).isEqualTo(key);
    }

    @Test
    void should_bound_each_put_by_the_deadline_when_little_time_is_left() throws Exception {
        new S3ArchiveSink(s3, CONFIG).archive(documents("e", "orders", "2024-03-12T10:15:32Z", 1), () -> 2_000);

        assertThat(s3.requests.getFirst().overrideConfiguration().orElseThrow().apiCallTimeout())
                .hasValue(Duration.ofMillis(2_000));
    }

    @Test
    void should_throw_before_putting_when_the_deadline_has_passed() {
        assertThatThrownBy(() -> new S3ArchiveSink(s3, CONFIG).archive(
                documents("e", "orders", "2024-03-12T10:15:32Z", 2), () -> 0))
                .isInstanceOf(ArchiveUnavailableException.class)
                .hasMessageContaining("no time left");
        assertThat(s3.requests).isEmpty();
    }

    @Test
    void should_throw_with_the_location_but_no_content_when_s3_fails() {
        s3.failure = SdkClientException.create("Unable to execute HTTP request: Connection refused");
        List<LogEvent> docs = List.of(document("a", "orders", "2024-03-12T10:15:32Z", "password=hunter2"));

        assertThatThrownBy(() -> new S3ArchiveSink(s3, CONFIG).archive(docs, Deadline.none()))
                .asInstanceOf(type(ArchiveUnavailableException.class))
                .satisfies(e -> {
                    assertThat(e).hasMessageContaining("could not store 1 documents at s3://lake-bucket/"
                                    + "logs/structured/service=orders/dt=2024-03-12/hour=10/")
                            .hasMessageNotContaining("hunter2")
                            .hasCause(s3.failure);
                    assertThat(e.archived()).isZero();
                    assertThat(e.notArchived()).isEqualTo(1);
                });
    }

    @Test
    void should_dead_letter_a_document_that_cannot_be_serialised_and_store_the_rest() throws Exception {
        LogEvent broken = document("broken", "orders", "2024-03-12T10:15:32Z", "no level");
        broken.level = null;

        ArchiveResult result = new S3ArchiveSink(s3, CONFIG).archive(
                List.of(broken, document("ok", "orders", "2024-03-12T10:15:33Z", "fine")), Deadline.none());

        assertThat(result.archived()).isEqualTo(1);
        assertThat(result.rejected()).extracting(d -> d.eventId()).containsExactly("broken");
        assertThat(s3.requests).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo(ArchiveKey.of(
                "logs/structured/", new ArchivePartition("orders", "2024-03-12", "10"), List.of("ok"))));
    }

    @Test
    void should_put_nothing_when_there_are_no_documents() throws Exception {
        assertThat(new S3ArchiveSink(s3, CONFIG).archive(List.of(), Deadline.none())).isEqualTo(new ArchiveResult(0, List.of()));
        assertThat(s3.requests).isEmpty();
    }

    @Test
    void should_close_the_client_when_closed() {
        new S3ArchiveSink(s3, CONFIG).close();

        assertThat(s3.closed).isTrue();
    }
}
