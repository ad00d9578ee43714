package io.logpipe.testkit.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A bare socket HTTP client, for what HttpClient hides: RSTs, keep-alive, 100 Continue, exact framing. */
final class RawHttp implements AutoCloseable {

    /** A response read off the wire: status line, header block (lower-cased) and body. */
    record Response(String statusLine, String headers, String body) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private final Socket socket;
    private final InputStream in;

    RawHttp(URI uri) throws IOException {
        socket = new Socket(InetAddress.getByName(uri.getHost()), uri.getPort());
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
    }

    void write(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Reads one response framed by Content-Length (no body when absent). */
    Response read() throws IOException {
        String status = line();
        StringBuilder headers = new StringBuilder();
        int length = 0;
        for (String l = line(); !l.isEmpty(); l = line()) {
            String lower = l.toLowerCase(Locale.ROOT);
            headers.append(lower).append('\n');
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring("content-length:".length()).strip());
            }
        }
        return new Response(status, headers.toString(), new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    /** Reads until the server closes; returns -1 for a clean close (FIN), throws on a reset. */
    int readToEnd() throws IOException {
        int b;
        do {
            b = in.read();
        } while (b >= 0);
        return b;
    }

    String line() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("closed mid-line after: " + out);
            }
            out.write(b);
        }
        String s = out.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
