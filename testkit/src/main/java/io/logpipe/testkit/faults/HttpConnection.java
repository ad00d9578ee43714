package io.logpipe.testkit.faults;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One client connection: reads requests, writes responses, and can be reset (TCP RST) instead of answered. */
final class HttpConnection implements Closeable {

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private static final int LINGER_MILLIS = 1000;
    private static final long MAX_DRAIN = 16 * 1024 * 1024;

    private final Socket socket;
    private final RequestReader reader;
    private final OutputStream out;

    HttpConnection(Socket socket, int maxHeaderBytes, int maxBodyBytes) throws IOException {
        this.socket = socket;
        this.reader = new RequestReader(new BufferedInputStream(socket.getInputStream(), 16 * 1024), maxHeaderBytes,
                maxBodyBytes);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    /** The next complete request, or null when the client closed the connection between requests. */
    ProxyRequest readRequest() throws IOException {
        RequestReader.Head head = reader.readHead();
        if (head == null) {
            return null;
        }
        RequestReader.Framing framing = reader.framing(head.headers());
        if (head.version().equals("HTTP/1.1") && head.headers().hasToken("expect", "100-continue")) {
            out.write(CONTINUE);
            out.flush();
        }
        byte[] body = reader.readBody(framing);
        return new ProxyRequest(head.method(), head.target(), head.version(), head.headers(), body);
    }

    /**
     * Writes a complete response framed by Content-Length.
     *
     * @param headRequest answer to HEAD: upstream's Content-Length is kept and no body is written
     * @param close       announce {@code Connection: close} (the caller closes afterwards)
     */
    void send(ProxyResponse response, boolean headRequest, boolean close) throws IOException {
        int status = response.status();
        StringBuilder head = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ')
                .append(reason(status)).append("\r\n");
        for (Headers.Field f : response.headers().endToEnd().fields()) {
            head.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        boolean bodiless = status == 204 || status == 304;
        if (!bodiless) {
            String length = headRequest
                    ? response.headers().first("content-length").orElse(String.valueOf(response.body().length))
                    : String.valueOf(response.body().length);
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        if (close) {
            head.append("Connection: close\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!headRequest && !bodiless) {
            out.write(response.body());
        }
        out.flush();
    }

    /** Aborts the connection with a TCP RST: SO_LINGER 0 makes close() discard buffers and reset. */
    void reset() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed: nothing left to reset
        }
        close();
    }

    /**
     * Half-closes, then discards what the client still sends (bounded) before closing: closing with unread input
     * would send a RST that can destroy the response the client has not read yet.
     */
    void closeGracefully() {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(LINGER_MILLIS);
            InputStream in = socket.getInputStream();
            long deadline = System.nanoTime() + LINGER_MILLIS * 1_000_000L;
            byte[] buf = new byte[8192];
            for (long total = 0; total < MAX_DRAIN && System.nanoTime() < deadline; ) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException e) {
            // timed out or reset: close anyway
        }
        close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status " + status;
        };
    }
}
