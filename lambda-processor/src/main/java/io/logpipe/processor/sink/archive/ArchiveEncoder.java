package io.logpipe.processor.sink.archive;

import io.logpipe.processor.clean.TimestampFormatter;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.sink.DocumentEncoder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Serialises documents for the archive with the production {@link DocumentEncoder} (the same bytes OpenSearch
 * gets) and computes each one's {@link ArchivePartition}. A document that cannot be serialised becomes a dead
 * letter instead of failing the batch. Not thread-safe.
 */
final class ArchiveEncoder {
    private final DocumentEncoder encoder = new DocumentEncoder();
    private final TimestampFormatter time = new TimestampFormatter();
    // A batch is mostly one service in one hour: remember the last partition instead of rebuilding it per document.
    private String lastService;
    private String lastHour;
    private ArchivePartition lastPartition;

    record Encoded(List<EncodedDocument> documents, List<DeadLetter> rejected) {
    }

    Encoded encode(List<LogEvent> documents) {
        List<EncodedDocument> encoded = new ArrayList<>(documents.size());
        List<DeadLetter> rejected = new ArrayList<>(0);
        for (LogEvent e : documents) {
            DeadLetter failed = encoder.tryEncode(e, "document for the archive");
            if (failed != null) {
                rejected.add(failed);
                continue;
            }
            encoded.add(new EncodedDocument(e, bytes(), partition(e)));
        }
        return new Encoded(encoded, rejected);
    }

    private ArchivePartition partition(LogEvent e) {
        String timestamp = time.format(e.timestamp);
        if (lastPartition == null || !Objects.equals(e.serviceName, lastService)
                || !timestamp.regionMatches(0, lastHour, 0, 13)) {
            lastPartition = ArchivePartition.of(e.serviceName, timestamp);
            lastService = e.serviceName;
            lastHour = timestamp.substring(0, 13);
        }
        return lastPartition;
    }

    private byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoder.size());
        try {
            encoder.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // in memory: does not happen
        }
        return out.toByteArray();
    }
}
