package io.logpipe.cli.bench;

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
 * Keeps the documents a {@code LogProcessor} hands to its sink, then passes them on to {@code next} (or
 * accepts them all when there is none): the benchmark's corpus, and the ids of the documents each latency
 * probe waits for (those {@code next} stored, not the ones it rejected).
 */
public final class CapturingSink implements DocumentSink {
    private final DocumentSink next;
    private final List<LogEvent> all = new ArrayList<>();
    private List<String> lastStored = List.of();
    private int rejected;

    public CapturingSink(DocumentSink next) {
        this.next = next;
    }

    @Override
    public SinkResult write(List<LogEvent> documents, Deadline deadline) throws SinkUnavailableException {
        all.addAll(documents);
        SinkResult result = next == null ? new SinkResult(documents.size(), 0, List.of()) : next.write(documents, deadline);
        Set<String> refused = new HashSet<>();
        result.rejected().forEach(d -> refused.add(d.eventId()));
        rejected += result.rejected().size();
        lastStored = documents.stream().map(e -> e.raw.id()).filter(id -> !refused.contains(id)).toList();
        return result;
    }

    /** Every document written so far, in order. */
    public List<LogEvent> documents() {
        return all;
    }

    /** The ids of the documents the last write stored, and forgets them (an invocation without documents writes nothing). */
    public List<String> takeStoredIds() {
        List<String> ids = lastStored;
        lastStored = List.of();
        return ids;
    }

    /** Documents {@code next} rejected for good (they became dead letters). */
    public int rejected() {
        return rejected;
    }

    @Override
    public void close() {
        if (next != null) {
            next.close();
        }
    }
}
