package io.logpipe.processor.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import io.logpipe.processor.json.Json;
import io.logpipe.processor.model.LogEvent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Serialises one document at a time into a reused buffer, so a document that fails half-way leaves no
 * partial output behind, and callers learn each document's exact size (bulk requests split by bytes).
 * Not thread-safe.
 */
public final class DocumentEncoder {
    private final EcsDocumentWriter writer = new EcsDocumentWriter();
    private final Buffer buffer = new Buffer();
    private JsonGenerator generator;

    /** Encodes the document, replacing the previous one; throws if the document cannot be written. */
    public void encode(LogEvent e) throws IOException {
        buffer.reset();
        if (generator == null) {
            generator = Json.FACTORY.createGenerator(buffer);
        }
        try {
            writer.write(e, generator);
            generator.flush();
        } catch (IOException | RuntimeException failure) {
            generator = null;                    // its state is undefined now; start a fresh one next time
            buffer.reset();
            throw failure;
        }
    }

    public int size() {
        return buffer.size();
    }

    public void writeTo(OutputStream out) throws IOException {
        buffer.writeTo(out);
    }

    /** A copy of the encoded document as UTF-8 text (for dead letters and tests). */
    public String text() {
        return buffer.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Exposes the backing array to write it without copying. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(2048);
        }
    }
}
