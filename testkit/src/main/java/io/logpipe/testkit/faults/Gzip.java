package io.logpipe.testkit.faults;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** gzip for request and response bodies, with a bound on the inflated size (a small body can inflate hugely). */
final class Gzip {

    private Gzip() {
    }

    /** Whether the body is gzip-encoded; other content codings are not supported. */
    static boolean isEncoded(Headers headers) {
        return headers.tokens("content-encoding").stream().anyMatch(c -> c.equals("gzip") || c.equals("x-gzip"));
    }

    static byte[] gunzip(byte[] gz, int maxBytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, gz.length * 4 + 64));
            byte[] buf = new byte[16 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                if (out.size() + n > maxBytes) {
                    throw new HttpProtocolException(413, "inflated body exceeds " + maxBytes + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen in memory
        }
        return out.toByteArray();
    }
}
