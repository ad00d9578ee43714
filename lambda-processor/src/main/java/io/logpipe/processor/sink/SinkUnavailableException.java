package io.logpipe.processor.sink;

/** The sink could not store documents before the deadline, on errors that may pass: fail and redeliver. */
public final class SinkUnavailableException extends Exception {
    private final int written;
    private final int notWritten;

    public SinkUnavailableException(String message, int written, int notWritten, Throwable cause) {
        super(message, cause);
        this.written = written;
        this.notWritten = notWritten;
    }

    public int written() {
        return written;
    }

    public int notWritten() {
        return notWritten;
    }
}
