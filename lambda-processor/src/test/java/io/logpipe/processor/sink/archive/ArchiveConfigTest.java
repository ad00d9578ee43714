package io.logpipe.processor.sink.archive;

import io.logpipe.processor.aws.AwsClientSettings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The archive settings read from the environment. */
class ArchiveConfigTest {

    @Test
    void should_default_the_prefix_and_use_sse_s3_when_only_bucket_and_region_are_set() {
        S3ArchiveConfig c = S3ArchiveConfig.fromEnv(Map.of("LOGPIPE_ARCHIVE_BUCKET", "lake", "AWS_REGION", "eu-west-1"));

        assertThat(c.bucket()).isEqualTo("lake");
        assertThat(c.prefix()).isEqualTo("logs/structured/");
        assertThat(c.kmsKeyId()).isNull();
        assertThat(c.client().region()).isEqualTo("eu-west-1");
        assertThat(c.client().endpoint()).isNull();
    }

    @Test
    void should_read_prefix_kms_key_and_local_endpoint_when_set() {
        S3ArchiveConfig c = S3ArchiveConfig.fromEnv(Map.of("LOGPIPE_ARCHIVE_BUCKET", "lake",
                "LOGPIPE_ARCHIVE_PREFIX", "/lake/docs", "LOGPIPE_ARCHIVE_KMS_KEY_ID", "alias/logpipe",
                "LOGPIPE_S3_ENDPOINT", "http://127.0.0.1:9000"));

        assertThat(c.prefix()).isEqualTo("lake/docs/");
        assertThat(c.kmsKeyId()).isEqualTo("alias/logpipe");
        assertThat(c.client().endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(c.client().region()).isEqualTo(AwsClientSettings.LOCAL_REGION);
    }

    @Test
    void should_allow_an_empty_prefix_when_the_bucket_holds_only_the_lake() {
        assertThat(S3ArchiveConfig.of("lake", AwsClientSettings.of("eu-west-1", null)).withPrefix("").prefix()).isEmpty();
    }

    @Test
    void should_fail_at_init_when_the_s3_archive_has_no_bucket_or_region() {
        assertThatThrownBy(() -> S3ArchiveConfig.fromEnv(Map.of("AWS_REGION", "eu-west-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LOGPIPE_ARCHIVE_BUCKET");
        assertThatThrownBy(() -> S3ArchiveConfig.fromEnv(Map.of("LOGPIPE_ARCHIVE_BUCKET", "lake")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AWS_REGION");
    }

    @Test
    void should_use_the_api_limits_when_the_firehose_archive_is_configured_from_the_environment() {
        FirehoseArchiveConfig c = FirehoseArchiveConfig.fromEnv(Map.of("LOGPIPE_FIREHOSE_STREAM", "logpipe-lake",
                "AWS_REGION", "eu-west-1"));

        assertThat(c.stream()).isEqualTo("logpipe-lake");
        assertThat(c.maxBatchRecords()).isEqualTo(500);
        assertThat(c.maxBatchBytes()).isEqualTo(4L * 1024 * 1024);
        assertThat(c.maxRecordBytes()).isEqualTo(1_024_000);
        assertThat(c.maxRecordDocuments()).isEqualTo(500);
        assertThat(c.client().endpoint()).isNull();
    }

    @Test
    void should_fail_at_init_when_the_firehose_archive_has_no_stream() {
        assertThatThrownBy(() -> FirehoseArchiveConfig.fromEnv(Map.of("AWS_REGION", "eu-west-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LOGPIPE_FIREHOSE_STREAM");
    }

    @Test
    void should_refuse_batch_limits_beyond_the_api_when_configured() {
        FirehoseArchiveConfig c = FirehoseArchiveConfig.of("s", AwsClientSettings.of("eu-west-1", null));

        assertThatThrownBy(() -> c.withBatchLimits(501, 4L << 20, 1_024_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.withBatchLimits(500, (4L << 20) + 1, 1_024_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.withBatchLimits(500, 4L << 20, 1_024_001)).isInstanceOf(IllegalArgumentException.class);
        // the delivery stream's de-aggregation splits at most 500 documents out of one record
        assertThatThrownBy(() -> c.withRecordDocuments(501)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRecordDocuments must be 1..500");
        assertThatThrownBy(() -> c.withRecordDocuments(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
