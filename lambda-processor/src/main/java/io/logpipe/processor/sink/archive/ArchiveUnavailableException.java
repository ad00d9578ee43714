package io.logpipe.processor.sink.archive;

/**
 * The archive could not store every document before the deadline, on errors that may pass: fail the invocation
 * and let the platform redeliver the batch. The message names where, never what (documents may hold data that
 * must not reach the logs).
 */
public final class ArchiveUnavailableException extends Exception {
    private final int archived;
    private final int notArchived;

    public ArchiveUnavailableException(String message, int archived, int notArchived, Throwable cause) {
        super(message, cause);
        this.archived = archived;
        this.notArchived = notArchived;
    }

    /** Documents of the batch already stored when it gave up (a redelivery stores them again). */
    public int archived() {
        return archived;
    }

    public int notArchived() {
        return notArchived;
    }
}
