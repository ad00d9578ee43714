package io.logpipe.processor.sink;

import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.FailureKind;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.model.Stage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Serialises one document at a time into a reused buffer, so a document that fails half-way leaves no
 * partial output behind, and callers learn each document's exact size (bulk requests split by bytes).
 * Not thread-safe.
 */
public final class DocumentEncoder {
    private final EcsDocumentWriter writer = new EcsDocumentWriter();
    private final JsonOut json = new JsonOut();

    /** Encodes the document, replacing the previous one; throws if the document cannot be written. */
    public void encode(LogEvent e) {
        json.reset();
        try {
            writer.write(e, json);
        } catch (RuntimeException failure) {
            json.reset();
            throw failure;
        }
    }

    /**
     * Encodes the document, or returns the dead letter that stands for it when it cannot be serialised, so every
     * sink treats a failing document alike: one dead letter, the batch goes on.
     *
     * @param what how the reason names the document, e.g. {@code "document"}
     * @return null when the document was encoded
     */
    public DeadLetter tryEncode(LogEvent e, String what) {
        try {
            encode(e);
            return null;
        } catch (RuntimeException failure) {
            return DeadLetter.ofEvent(Stage.SERIALIZE, FailureKind.PROCESSING_ERROR,
                    "cannot serialise " + what + ": " + failure, e.raw);
        }
    }

    /** The encoded document's writer, for {@link BulkActionWriter} to copy the event id's bytes from. */
    JsonOut json() {
        return json;
    }

    public int size() {
        return json.size();
    }

    public void writeTo(OutputStream out) throws IOException {
        json.writeTo(out);
    }

    /** The encoded document as text (for dead letters and tests). */
    public String text() {
        return json.text();
    }
}
