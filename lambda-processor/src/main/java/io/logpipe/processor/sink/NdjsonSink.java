package io.logpipe.processor.sink;

import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.LogEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes documents as NDJSON, one per line: the CLI's stdout. With {@code bulkIndex} set, each document is
 * preceded by an OpenSearch bulk {@code create} action line, which is exactly the body a {@code _bulk}
 * request carries (used by the benchmark and for replaying into any cluster with curl).
 */
public final class NdjsonSink implements DocumentSink {
    private final OutputStream out;
    private final String bulkIndex;
    private final DocumentEncoder encoder = new DocumentEncoder();
    private final BulkActionWriter actions = new BulkActionWriter();

    public NdjsonSink(OutputStream out, String bulkIndex) {
        this.out = out;
        this.bulkIndex = bulkIndex;
    }

    @Override
    public SinkResult write(List<LogEvent> documents, Deadline deadline) {
        List<DeadLetter> rejected = new ArrayList<>(0);
        int written = 0;
        try {
            for (LogEvent e : documents) {
                DeadLetter failed = encoder.tryEncode(e, "document");
                if (failed != null) {
                    rejected.add(failed);
                    continue;
                }
                if (bulkIndex != null) {
                    actions.writeCreate(bulkIndex, e.raw.id(), encoder, out);
                }
                encoder.writeTo(out);
                out.write('\n');
                written++;
            }
            out.flush();
        } catch (IOException io) {
            throw new UncheckedIOException("cannot write documents", io);
        }
        return new SinkResult(written, 0, rejected);
    }
}
