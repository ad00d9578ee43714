package io.logpipe.processor.sink.archive;

import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.DocumentSink;
import io.logpipe.processor.sink.SinkResult;
import io.logpipe.processor.sink.SinkUnavailableException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes documents to the primary sink (OpenSearch) AND the data lake: the primary first, then the archive with
 * every document the primary did not reject.
 *
 * <p>Why this order: the primary is the write most likely to fail (a throttled or busy cluster); failing before
 * the archive means the redelivered batch has not been archived yet, which matters for Firehose, whose puts are
 * not idempotent. And the archive gets exactly the documents the primary accepted, so a document is either in
 * both stores or a dead letter that keeps it, never in the lake alone (replaying a fixed dead letter then adds it
 * to both, once).
 *
 * <p>Redelivery: a failure of either write throws {@link SinkUnavailableException}, so the processor stores no
 * dead letters, the invocation fails and the platform redelivers the batch. Both writes tolerate that: the primary
 * creates by {@code event.id} (already present is a duplicate, not an error), the S3 archive overwrites objects
 * under keys derived from the event ids, and the Firehose archive is at-least-once (dedupe on {@code event.id}).
 *
 * <p>A document the archive can never store (e.g. larger than a Firehose record) becomes a dead letter with the
 * document and is not counted as written, although OpenSearch has it: the dead letter is what gets it into the
 * lake later.
 */
public final class PrimaryAndArchiveSink implements DocumentSink {
    private final DocumentSink primary;
    private final ArchiveSink archive;

    public PrimaryAndArchiveSink(DocumentSink primary, ArchiveSink archive) {
        this.primary = primary;
        this.archive = archive;
    }

    @Override
    public SinkResult write(List<LogEvent> documents, Deadline deadline) throws SinkUnavailableException {
        SinkResult stored = primary.write(documents, deadline);
        List<LogEvent> accepted = withoutRejected(documents, stored.rejected());
        if (accepted.isEmpty()) {
            return stored;
        }
        ArchiveResult archived;
        try {
            archived = archive.archive(accepted, deadline);
        } catch (ArchiveUnavailableException e) {
            throw new SinkUnavailableException("archive unavailable: " + e.getMessage(), stored.written(),
                    e.notArchived(), e);
        }
        if (archived.rejected().isEmpty()) {
            return stored;
        }
        List<DeadLetter> rejected = new ArrayList<>(stored.rejected());
        rejected.addAll(archived.rejected());
        int written = Math.max(0, stored.written() - archived.rejected().size());
        return new SinkResult(written, Math.min(stored.duplicates(), written), rejected);
    }

    /** The documents whose event id no dead letter of the primary names. */
    private static List<LogEvent> withoutRejected(List<LogEvent> documents, List<DeadLetter> rejected) {
        if (rejected.isEmpty()) {
            return documents;
        }
        Set<String> ids = new HashSet<>();
        for (DeadLetter d : rejected) {
            if (d.eventId() != null) {
                ids.add(d.eventId());
            }
        }
        List<LogEvent> accepted = new ArrayList<>(documents.size());
        for (LogEvent e : documents) {
            if (!ids.contains(e.raw.id())) {
                accepted.add(e);
            }
        }
        return accepted;
    }

    @Override
    public void close() {
        try {
            primary.close();
        } finally {
            archive.close();
        }
    }

    @Override
    public String toString() {
        return "PrimaryAndArchiveSink[" + primary + " then " + archive + "]";
    }
}
