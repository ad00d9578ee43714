package io.logpipe.processor.sink;

import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.FailureKind;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.model.Stage;

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
            try {
                encoder.encode(e);
                bytes += encoder.size();
                written++;
            } catch (RuntimeException failure) {
                rejected.add(DeadLetter.ofEvent(Stage.SERIALIZE, FailureKind.PROCESSING_ERROR,
                        "cannot serialise document: " + failure, e.raw));
            }
        }
        return new SinkResult(written, 0, rejected);
    }

    /** Bytes of JSON serialised so far. */
    public long bytes() {
        return bytes;
    }
}
