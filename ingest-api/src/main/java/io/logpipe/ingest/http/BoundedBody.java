package io.logpipe.ingest.http;

import io.logpipe.ingest.events.RejectedInput;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body of at most {@code maxBytes}: a larger {@code Content-Length} is refused before reading
 * anything, and a chunked body (no length) is read up to one byte past the limit, never further.
 */
final class BoundedBody {
    private BoundedBody() {
    }

    static byte[] read(String contentLength, InputStream in, int maxBytes) throws IOException, RejectedInput {
        if (contentLength != null) {
            long declared;
            try {
                declared = Long.parseLong(contentLength.trim());
            } catch (NumberFormatException e) {
                throw RejectedInput.malformed("invalid Content-Length: " + contentLength);
            }
            if (declared > maxBytes) {
                throw RejectedInput.tooLarge("body of " + declared + " bytes exceeds MAX_BODY_BYTES (" + maxBytes + ")");
            }
        }
        byte[] body = in.readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            throw RejectedInput.tooLarge("body exceeds MAX_BODY_BYTES (" + maxBytes + ")");
        }
        return body;
    }
}
