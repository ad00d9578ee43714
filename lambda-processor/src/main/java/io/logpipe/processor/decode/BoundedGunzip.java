package io.logpipe.processor.decode;

import io.logpipe.processor.decode.gzip.DecompressionLimitException;
import io.logpipe.processor.decode.gzip.GzipDecoder;
import io.logpipe.processor.model.FailureKind;

import java.io.EOFException;
import java.io.IOException;
import java.util.zip.ZipException;

/**
 * Gunzips into a reused buffer and stops at a hard limit, so a gzip bomb is refused after inflating at most
 * {@code limit} bytes: memory stays flat and the refusal takes milliseconds. Not thread-safe (one per decoder).
 */
final class BoundedGunzip {
    private final GzipDecoder decoder;

    BoundedGunzip(int limit) {
        this.decoder = new GzipDecoder(limit);
    }

    /** Returns the number of valid bytes in {@link #buffer()}. */
    int inflate(byte[] gzip) throws DecodeException {
        try {
            return decoder.gunzip(gzip);
        } catch (DecompressionLimitException e) {
            throw new DecodeException(FailureKind.DECOMPRESSION_LIMIT,
                    "payload inflates beyond the " + e.limit() + "-byte limit (possible gzip bomb); "
                            + gzip.length + " compressed bytes");
        } catch (ZipException e) {
            throw new DecodeException(FailureKind.BAD_GZIP, "not valid gzip data: " + e.getMessage());
        } catch (EOFException e) {
            throw new DecodeException(FailureKind.BAD_GZIP, "gzip data is truncated");
        } catch (IOException e) {
            throw new DecodeException(FailureKind.BAD_GZIP, "cannot gunzip payload: " + e.getMessage());
        }
    }

    byte[] buffer() {
        return decoder.buffer();
    }
}
