package io.logpipe.processor.sink.archive;

import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.DocumentSink;
import io.logpipe.processor.sink.SinkResult;
import io.logpipe.processor.sink.SinkUnavailableException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.logpipe.processor.sink.archive.ArchiveSamples.documents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** The order of the two writes and how their outcomes combine. */
class PrimaryAndArchiveSinkTest {
    private final List<String> calls = new ArrayList<>();
    private final List<LogEvent> docs = documents("e", "orders", "2024-03-12T10:15:32Z", 4);

    @Test
    void should_write_the_primary_first_and_then_archive_the_same_documents_when_both_succeed() throws Exception {
        Primary primary = new Primary();
        Archive archive = new Archive();

        SinkResult result = new PrimaryAndArchiveSink(primary, archive).write(docs, Deadline.none());

        assertThat(calls).containsExactly("primary", "archive");
        assertThat(archive.received).isEqualTo(docs);
        assertThat(result).isEqualTo(new SinkResult(4, 0, List.of()));
    }

    @Test
    void should_not_archive_when_the_primary_is_unavailable() {
        Primary primary = new Primary();
        primary.failure = new SinkUnavailableException("cluster busy", 0, 4, null);
        Archive archive = new Archive();

        assertThatThrownBy(() -> new PrimaryAndArchiveSink(primary, archive).write(docs, Deadline.none()))
                .isSameAs(primary.failure);
        assertThat(calls).containsExactly("primary");
    }

    @Test
    void should_fail_the_write_with_sink_unavailable_when_the_archive_is_unavailable() {
        Archive archive = new Archive();
        archive.failure = new ArchiveUnavailableException("s3 down", 1, 3, null);

        assertThatThrownBy(() -> new PrimaryAndArchiveSink(new Primary(), archive).write(docs, Deadline.none()))
                .asInstanceOf(type(SinkUnavailableException.class))
                .satisfies(e -> {
                    assertThat(e).hasMessage("archive unavailable: s3 down").hasCause(archive.failure);
                    assertThat(e.written()).isEqualTo(4);
                    assertThat(e.notWritten()).isEqualTo(3);
                });
    }

    @Test
    void should_archive_only_the_documents_the_primary_accepted_when_it_rejects_some() throws Exception {
        Primary primary = new Primary();
        DeadLetter rejected = DeadLetter.rejected("mapping conflict", docs.get(1).raw, "{}");
        primary.rejected = List.of(rejected);
        Archive archive = new Archive();

        SinkResult result = new PrimaryAndArchiveSink(primary, archive).write(docs, Deadline.none());

        assertThat(archive.received).containsExactly(docs.get(0), docs.get(2), docs.get(3));
        assertThat(result).isEqualTo(new SinkResult(3, 0, List.of(rejected)));
    }

    @Test
    void should_skip_the_archive_when_the_primary_rejected_everything() throws Exception {
        Primary primary = new Primary();
        primary.rejected = docs.stream().map(d -> DeadLetter.rejected("no", d.raw, "{}")).toList();
        Archive archive = new Archive();

        new PrimaryAndArchiveSink(primary, archive).write(docs, Deadline.none());

        assertThat(calls).containsExactly("primary");
    }

    @Test
    void should_add_the_archive_rejections_to_the_dead_letters_and_not_count_them_written() throws Exception {
        Primary primary = new Primary();
        primary.duplicates = 4;
        Archive archive = new Archive();
        DeadLetter tooLarge = DeadLetter.rejected("too large for Firehose", docs.get(2).raw, "{}");
        archive.rejected = List.of(tooLarge);

        SinkResult result = new PrimaryAndArchiveSink(primary, archive).write(docs, Deadline.none());

        assertThat(result).isEqualTo(new SinkResult(3, 3, List.of(tooLarge)));
    }

    @Test
    void should_close_both_when_closed_even_if_the_primary_fails_to_close() {
        Primary primary = new Primary() {
            @Override
            public void close() {
                calls.add("close primary");
                throw new IllegalStateException("boom");
            }
        };
        Archive archive = new Archive();

        assertThatThrownBy(() -> new PrimaryAndArchiveSink(primary, archive).close()).hasMessage("boom");
        assertThat(calls).containsExactly("close primary", "close archive");
    }

    private class Primary implements DocumentSink {
        SinkUnavailableException failure;
        List<DeadLetter> rejected = List.of();
        int duplicates;

        @Override
        public SinkResult write(List<LogEvent> documents, Deadline deadline) throws SinkUnavailableException {
            calls.add("primary");
            if (failure != null) {
                throw failure;
            }
            return new SinkResult(documents.size() - rejected.size(), duplicates, rejected);
        }
    }

    private class Archive implements ArchiveSink {
        ArchiveUnavailableException failure;
        List<DeadLetter> rejected = List.of();
        List<LogEvent> received;

        @Override
        public ArchiveResult archive(List<LogEvent> documents, Deadline deadline) throws ArchiveUnavailableException {
            calls.add("archive");
            received = documents;
            if (failure != null) {
                throw failure;
            }
            return new ArchiveResult(documents.size() - rejected.size(), rejected);
        }

        @Override
        public void close() {
            calls.add("close archive");
        }
    }
}
