package io.logpipe.processor.dlq;

import io.logpipe.processor.aws.RecordingS3;
import io.logpipe.processor.model.DeadLetter;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;

import static io.logpipe.processor.dlq.DeadLetterSamples.T0;
import static io.logpipe.processor.dlq.DeadLetterSamples.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The request the sink builds, against an in-memory S3Client; the wire behaviour is in S3DeadLetterSinkIT. */
class S3DeadLetterSinkTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-12T10:15:33.002Z"), ZoneOffset.UTC);
    private static final S3DeadLetterConfig CONFIG = S3DeadLetterConfig.of("dlq-bucket", "eu-west-1");

    @Test
    void should_put_one_gzip_ndjson_object_under_the_partitioned_key_when_given_a_batch() throws IOException {
        RecordingS3 s3 = new RecordingS3();
        List<DeadLetter> letters = batch(T0);

        new S3DeadLetterSink(s3, CONFIG, CLOCK).accept(letters);

        assertThat(s3.requests).hasSize(1);
        PutObjectRequest put = s3.requests.getFirst();
        assertThat(put.bucket()).isEqualTo("dlq-bucket");
        assertThat(put.key()).isEqualTo(S3DeadLetterKey.of("dead-letter/", letters, CLOCK.instant()))
                .startsWith("dead-letter/dt=2024-03-12/hour=10/");
        assertThat(put.contentType()).isEqualTo("application/x-ndjson");
        assertThat(put.contentEncoding()).isEqualTo("gzip");
        assertThat(put.contentLength()).isEqualTo(s3.bodies.getFirst().length);
        assertThat(put.metadata()).containsEntry("dead-letters", "4");
        DeadLetterJson json = new DeadLetterJson();
        assertThat(gunzipLines(s3.bodies.getFirst())).containsExactlyElementsOf(letters.stream().map(json::toJson).toList());
    }

    @Test
    void should_request_sse_s3_explicitly_when_no_kms_key_is_configured() {
        RecordingS3 s3 = new RecordingS3();

        new S3DeadLetterSink(s3, CONFIG, CLOCK).accept(batch(T0));

        assertThat(s3.requests.getFirst().serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(s3.requests.getFirst().ssekmsKeyId()).isNull();
    }

    @Test
    void should_request_sse_kms_with_the_key_when_a_kms_key_is_configured() {
        RecordingS3 s3 = new RecordingS3();
        String key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd";

        new S3DeadLetterSink(s3, CONFIG.withKmsKeyId(key), CLOCK).accept(batch(T0));

        assertThat(s3.requests.getFirst().serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(s3.requests.getFirst().ssekmsKeyId()).isEqualTo(key);
    }

    @Test
    void should_send_the_crc32_of_the_body_when_putting() {
        RecordingS3 s3 = new RecordingS3();

        new S3DeadLetterSink(s3, CONFIG, CLOCK).accept(batch(T0));

        CRC32 crc = new CRC32();
        crc.update(s3.bodies.getFirst());
        String expected = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        assertThat(s3.requests.getFirst().checksumCRC32()).isEqualTo(expected);
    }

    @Test
    void should_throw_without_the_payload_in_the_message_when_s3_fails() {
        RecordingS3 s3 = new RecordingS3();
        s3.failure = SdkClientException.create("Unable to execute HTTP request: Connection refused");

        assertThatThrownBy(() -> new S3DeadLetterSink(s3, CONFIG, CLOCK).accept(batch(T0)))
                .isInstanceOf(DeadLetterStoreException.class)
                .hasMessageContaining("4 dead letters")
                .hasMessageContaining("s3://dlq-bucket/dead-letter/dt=2024-03-12/hour=10/")
                .hasMessageNotContaining("H4sIAAAA")
                .hasCause(s3.failure);
    }

    @Test
    void should_write_nothing_when_the_batch_is_empty() {
        RecordingS3 s3 = new RecordingS3();

        new S3DeadLetterSink(s3, CONFIG, CLOCK).accept(List.of());

        assertThat(s3.requests).isEmpty();
    }

    @Test
    void should_close_the_client_when_closed() {
        RecordingS3 s3 = new RecordingS3();

        new S3DeadLetterSink(s3, CONFIG, CLOCK).close();

        assertThat(s3.closed).isTrue();
    }

    static List<String> gunzipLines(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).endsWith("\n");
            return List.of(text.substring(0, text.length() - 1).split("\n", -1));
        }
    }
}
