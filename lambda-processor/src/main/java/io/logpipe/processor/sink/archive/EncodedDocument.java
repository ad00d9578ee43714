package io.logpipe.processor.sink.archive;

import io.logpipe.processor.model.LogEvent;

import java.nio.charset.StandardCharsets;

/** A document and its JSON (one line, no newline), as {@link ArchiveEncoder} produced it. */
record EncodedDocument(LogEvent event, byte[] json, ArchivePartition partition) {

    String id() {
        return event.raw.id();
    }

    String text() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
