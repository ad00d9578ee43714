package io.logpipe.processor.sink;

import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.LogEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Serialises every document (so serialisation failures still surface as dead letters) and stores nothing.
 * For dry runs, SnapStart priming and measurements of the processor alone.
 */
public final class DryRunSink implements DocumentSink {
    private final DocumentEncoder encoder = new DocumentEncoder();
    private long bytes;

    @Override
    public SinkResult write(List<LogEvent> documents, Deadline deadline) {
        List<DeadLetter> rejected = new ArrayList<>(0);
        int written = 0;
        for (LogEvent e : documents) {
            DeadLetter failed = encoder.tryEncode(e, "document");
            if (failed != null) {
                rejected.add(failed);
                continue;
            }
            bytes += encoder.size();
            written++;
        }
        return new SinkResult(written, 0, rejected);
    }

    /** Bytes of JSON serialised so far. */
    public long bytes() {
        return bytes;
    }
}
