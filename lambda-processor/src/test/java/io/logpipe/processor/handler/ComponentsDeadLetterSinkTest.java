package io.logpipe.processor.handler;

import io.logpipe.processor.dlq.DeadLetterSink;
import io.logpipe.processor.dlq.FileDeadLetterSink;
import io.logpipe.processor.dlq.LoggingDeadLetterSink;
import io.logpipe.processor.dlq.S3DeadLetterSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which dead-letter sink the environment selects: S3, else a file, else the log (without payloads). */
class ComponentsDeadLetterSinkTest {
    @TempDir
    Path dir;

    @Test
    void should_choose_s3_when_a_bucket_is_set() {
        try (DeadLetterSink sink = Components.deadLetters(Map.of(
                "LOGPIPE_DEAD_LETTER_BUCKET", "dlq-bucket", "AWS_REGION", "eu-west-1"))) {
            assertThat(sink).isInstanceOf(S3DeadLetterSink.class);
            assertThat(sink.toString()).contains("s3://dlq-bucket/dead-letter/", "SSE-S3");
        }
    }

    @Test
    void should_choose_s3_over_the_file_when_both_are_set() {
        try (DeadLetterSink sink = Components.deadLetters(Map.of(
                "LOGPIPE_DEAD_LETTER_BUCKET", "dlq-bucket", "AWS_REGION", "eu-west-1",
                "LOGPIPE_DEAD_LETTER_KMS_KEY_ID", "alias/logpipe",
                "LOGPIPE_DEAD_LETTER_FILE", dir.resolve("dlq.ndjson").toString()))) {
            assertThat(sink).isInstanceOf(S3DeadLetterSink.class);
            assertThat(sink.toString()).contains("SSE-KMS");
        }
        assertThat(dir.resolve("dlq.ndjson")).doesNotExist();
    }

    @Test
    void should_choose_the_file_when_only_a_file_is_set() {
        try (DeadLetterSink sink = Components.deadLetters(Map.of(
                "LOGPIPE_DEAD_LETTER_FILE", dir.resolve("dlq.ndjson").toString()))) {
            assertThat(sink).isInstanceOf(FileDeadLetterSink.class);
        }
    }

    @Test
    void should_log_without_payloads_when_nothing_is_configured() {
        try (DeadLetterSink sink = Components.deadLetters(Map.of())) {
            assertThat(sink).isInstanceOf(LoggingDeadLetterSink.class);
        }
    }

    @Test
    void should_ignore_a_blank_bucket_when_choosing() {
        try (DeadLetterSink sink = Components.deadLetters(Map.of("LOGPIPE_DEAD_LETTER_BUCKET", " "))) {
            assertThat(sink).isInstanceOf(LoggingDeadLetterSink.class);
        }
    }

    @Test
    void should_fail_at_init_when_the_bucket_has_no_region() {
        assertThatThrownBy(() -> Components.deadLetters(Map.of("LOGPIPE_DEAD_LETTER_BUCKET", "dlq-bucket")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS_REGION");
    }
}
