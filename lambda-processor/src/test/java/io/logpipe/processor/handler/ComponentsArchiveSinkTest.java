package io.logpipe.processor.handler;

import io.logpipe.processor.sink.DocumentSink;
import io.logpipe.processor.sink.DryRunSink;
import io.logpipe.processor.sink.archive.PrimaryAndArchiveSink;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which archive LOGPIPE_ARCHIVE composes with the primary sink. */
class ComponentsArchiveSinkTest {

    @Test
    void should_use_the_primary_alone_when_no_archive_is_configured() {
        try (DocumentSink sink = Components.sink(Map.of("LOGPIPE_SINK", "none"))) {
            assertThat(sink).isInstanceOf(DryRunSink.class);
        }
        try (DocumentSink sink = Components.sink(Map.of("LOGPIPE_SINK", "none", "LOGPIPE_ARCHIVE", "none"))) {
            assertThat(sink).isInstanceOf(DryRunSink.class);
        }
    }

    @Test
    void should_archive_to_s3_after_the_primary_when_the_archive_is_s3() {
        try (DocumentSink sink = Components.sink(Map.of("LOGPIPE_SINK", "none", "LOGPIPE_ARCHIVE", "S3",
                "LOGPIPE_ARCHIVE_BUCKET", "lake", "AWS_REGION", "eu-west-1"))) {
            assertThat(sink).isInstanceOf(PrimaryAndArchiveSink.class);
            assertThat(sink.toString()).contains("DryRunSink", "then S3ArchiveSink[s3://lake/logs/structured/, SSE-S3]");
        }
    }

    @Test
    void should_archive_to_firehose_after_the_primary_when_the_archive_is_firehose() {
        try (DocumentSink sink = Components.sink(Map.of("LOGPIPE_SINK", "none", "LOGPIPE_ARCHIVE", "firehose",
                "LOGPIPE_FIREHOSE_STREAM", "logpipe-lake", "AWS_REGION", "eu-west-1"))) {
            assertThat(sink).isInstanceOf(PrimaryAndArchiveSink.class);
            assertThat(sink.toString()).contains("then FirehoseArchiveSink[logpipe-lake]");
        }
    }

    @Test
    void should_fail_at_init_when_the_archive_kind_is_unknown() {
        assertThatThrownBy(() -> Components.sink(Map.of("LOGPIPE_SINK", "none", "LOGPIPE_ARCHIVE", "glacier")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LOGPIPE_ARCHIVE must be s3, firehose or none");
    }

    @Test
    void should_fail_at_init_when_the_s3_archive_has_no_bucket() {
        assertThatThrownBy(() -> Components.sink(Map.of("LOGPIPE_SINK", "none", "LOGPIPE_ARCHIVE", "s3",
                "AWS_REGION", "eu-west-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LOGPIPE_ARCHIVE_BUCKET");
    }
}
