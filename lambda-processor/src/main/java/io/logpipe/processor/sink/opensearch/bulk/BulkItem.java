package io.logpipe.processor.sink.opensearch.bulk;

import io.logpipe.processor.model.LogEvent;

/** One document waiting to be written: its id, its encoded bytes, and how its last attempt went. */
public final class BulkItem {
    final LogEvent event;
    final byte[] document;
    final byte[] action;
    int attempts;
    String lastError;

    public BulkItem(LogEvent event, byte[] document, byte[] action) {
        this.event = event;
        this.document = document;
        this.action = action;
    }

    public LogEvent event() {
        return event;
    }

    public String lastError() {
        return lastError;
    }

    public byte[] documentBytes() {
        return document;
    }

    public int attempts() {
        return attempts;
    }

    int size() {
        return action.length + document.length + 1;
    }
}
