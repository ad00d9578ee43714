package io.logpipe.processor.dlq;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3DeadLetterConfigTest {

    @Test
    void should_use_production_defaults_when_only_bucket_and_region_are_set() {
        S3DeadLetterConfig c = S3DeadLetterConfig.fromEnv(Map.of(
                "LOGPIPE_DEAD_LETTER_BUCKET", "dlq-bucket", "AWS_REGION", "eu-west-1"));

        assertThat(c.bucket()).isEqualTo("dlq-bucket");
        assertThat(c.prefix()).isEqualTo("dead-letter/");
        assertThat(c.kmsKeyId()).isNull();
        assertThat(c.region()).isEqualTo("eu-west-1");
        assertThat(c.endpoint()).isNull();
        assertThat(c.maxAttempts()).isBetween(2, 5);
        assertThat(c.callTimeout()).isGreaterThanOrEqualTo(c.attemptTimeout());
    }

    @Test
    void should_read_prefix_kms_key_and_endpoint_when_set() {
        S3DeadLetterConfig c = S3DeadLetterConfig.fromEnv(Map.of(
                "LOGPIPE_DEAD_LETTER_BUCKET", "b", "AWS_REGION", "eu-west-1",
                "LOGPIPE_DEAD_LETTER_PREFIX", "logs/dlq",
                "LOGPIPE_DEAD_LETTER_KMS_KEY_ID", "arn:aws:kms:eu-west-1:123456789012:key/abc",
                "LOGPIPE_S3_ENDPOINT", "http://127.0.0.1:9000"));

        assertThat(c.prefix()).isEqualTo("logs/dlq/");
        assertThat(c.kmsKeyId()).isEqualTo("arn:aws:kms:eu-west-1:123456789012:key/abc");
        assertThat(c.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    }

    @Test
    void should_default_the_signing_region_when_a_local_endpoint_has_none() {
        S3DeadLetterConfig c = S3DeadLetterConfig.fromEnv(Map.of(
                "LOGPIPE_DEAD_LETTER_BUCKET", "b", "LOGPIPE_S3_ENDPOINT", "http://127.0.0.1:9000"));

        assertThat(c.region()).isEqualTo("us-east-1");
    }

    @Test
    void should_fail_fast_when_aws_has_no_region() {
        assertThatThrownBy(() -> S3DeadLetterConfig.fromEnv(Map.of("LOGPIPE_DEAD_LETTER_BUCKET", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS_REGION");
    }

    @Test
    void should_treat_a_blank_kms_key_as_sse_s3_when_the_variable_is_empty() {
        S3DeadLetterConfig c = S3DeadLetterConfig.fromEnv(Map.of(
                "LOGPIPE_DEAD_LETTER_BUCKET", "b", "AWS_REGION", "eu-west-1", "LOGPIPE_DEAD_LETTER_KMS_KEY_ID", " "));

        assertThat(c.kmsKeyId()).isNull();
    }

    @Test
    void should_normalise_the_prefix_when_it_has_slashes_in_odd_places() {
        S3DeadLetterConfig c = S3DeadLetterConfig.of("b", "eu-west-1");

        assertThat(c.withPrefix("/a/b").prefix()).isEqualTo("a/b/");
        assertThat(c.withPrefix("a/").prefix()).isEqualTo("a/");
        assertThat(c.withPrefix("").prefix()).isEmpty();
        assertThat(c.withPrefix(null).prefix()).isEqualTo("dead-letter/");
    }

    @Test
    void should_reject_a_config_without_attempts() {
        S3DeadLetterConfig c = S3DeadLetterConfig.of("b", "eu-west-1");

        assertThatThrownBy(() -> c.withRetries(0, c.attemptTimeout(), c.callTimeout()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
