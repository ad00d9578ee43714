package io.logpipe.processor.decode;

import io.logpipe.processor.model.FailureKind;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Gunzips into a reused buffer and stops at a hard limit, so a gzip bomb is refused after inflating at most
 * {@code limit} bytes: memory stays flat and the refusal takes milliseconds. Not thread-safe (one per decoder).
 */
final class BoundedGunzip {
    private final int limit;
    private byte[] buffer;

    BoundedGunzip(int limit) {
        this.limit = limit;
        this.buffer = new byte[Math.min(limit, 256 * 1024)];   // never larger than the limit itself
    }

    /** Returns the number of valid bytes in {@link #buffer()}. */
    int inflate(byte[] gzip) throws DecodeException {
        int length = 0;
        // input buffer no larger than the input: a fresh 64 KiB array per payload was ~1 % of the job
        int inputBuffer = Math.clamp(gzip.length, 512, 64 * 1024);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), inputBuffer)) {
            while (true) {
                if (length == buffer.length) {
                    if (length >= limit) {
                        if (in.read() < 0) {
                            return length;
                        }
                        throw new DecodeException(FailureKind.DECOMPRESSION_LIMIT,
                                "payload inflates beyond the " + limit + "-byte limit (possible gzip bomb); "
                                        + gzip.length + " compressed bytes");
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min((long) limit, buffer.length * 2L));
                }
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    return length;
                }
                length += n;
            }
        } catch (ZipException e) {
            throw new DecodeException(FailureKind.BAD_GZIP, "not valid gzip data: " + e.getMessage());
        } catch (java.io.EOFException e) {
            throw new DecodeException(FailureKind.BAD_GZIP, "gzip data is truncated");
        } catch (IOException e) {
            throw new DecodeException(FailureKind.BAD_GZIP, "cannot gunzip payload: " + e.getMessage());
        }
    }

    byte[] buffer() {
        return buffer;
    }
}
