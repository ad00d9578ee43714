package io.logpipe.processor.sink;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the bulk action line {@code {"create":{"_index":"app-logs","_id":"<event.id>"}}}. {@code create}
 * with the event id as {@code _id} makes redelivery idempotent: a second copy fails with 409 instead of
 * duplicating.
 */
public final class BulkActionWriter {
    private static final byte[] PREFIX = "{\"create\":{\"_index\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID = "\",\"_id\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "\"}}\n".getBytes(StandardCharsets.US_ASCII);
    private final JsonStringEncoder escaper = JsonStringEncoder.getInstance();

    public void writeCreate(String index, String id, OutputStream out) throws IOException {
        out.write(PREFIX);
        out.write(escaper.quoteAsUTF8(index));
        out.write(ID);
        out.write(escaper.quoteAsUTF8(id));
        out.write(SUFFIX);
    }
}
