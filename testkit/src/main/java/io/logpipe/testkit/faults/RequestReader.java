package io.logpipe.testkit.faults;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads HTTP/1.x requests from a client stream: request line, header fields, and a body framed by
 * {@code Content-Length} or {@code Transfer-Encoding: chunked}. Everything is bounded: header section size, field
 * count, chunk-line length and body size; violations raise {@link HttpProtocolException} with the status to answer.
 */
final class RequestReader {

    private static final int MAX_FIELDS = 200;
    private static final int MAX_CHUNK_LINE = 4096;
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** The request line and header fields. */
    record Head(String method, String target, String version, Headers headers) {
    }

    /** How the body is delimited: chunked, or exactly {@code length} bytes. */
    record Framing(boolean chunked, long length) {
    }

    private final InputStream in;
    private final int maxHeaderBytes;
    private final int maxBodyBytes;

    RequestReader(InputStream in, int maxHeaderBytes, int maxBodyBytes) {
        this.in = in;
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The next request head, or null when the stream ends cleanly between requests. */
    Head readHead() throws IOException {
        int budget = maxHeaderBytes;
        String line;
        do { // RFC 9112 §2.2: ignore empty lines before the request line
            line = readLine(budget, 431);
            if (line == null) {
                return null;
            }
            budget -= line.length() + 2;
        } while (line.isEmpty());
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || !TOKEN.matcher(parts[0]).matches() || !parts[1].startsWith("/")) {
            throw new HttpProtocolException(400, "malformed request line: " + abbreviate(line));
        }
        if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
            throw new HttpProtocolException(505, "unsupported version: " + abbreviate(parts[2]));
        }
        return new Head(parts[0], parts[1], parts[2], readFields(budget));
    }

    private Headers readFields(int budget) throws IOException {
        List<Headers.Field> fields = new ArrayList<>();
        for (String line = required(readLine(budget, 431)); !line.isEmpty();
             line = required(readLine(budget, 431))) {
            budget -= line.length() + 2;
            int colon = line.indexOf(':');
            if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches()) {
                throw new HttpProtocolException(400, "malformed header field: " + abbreviate(line));
            }
            if (fields.size() == MAX_FIELDS) {
                throw new HttpProtocolException(431, "more than " + MAX_FIELDS + " header fields");
            }
            fields.add(new Headers.Field(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        return new Headers(fields);
    }

    /** Validates the body framing before anything is read (so 413 can be answered instead of 100 Continue). */
    Framing framing(Headers headers) throws HttpProtocolException {
        List<String> codings = headers.tokens("transfer-encoding");
        if (!codings.isEmpty()) {
            if (!codings.equals(List.of("chunked"))) {
                throw new HttpProtocolException(501, "unsupported transfer coding: " + codings);
            }
            return new Framing(true, -1); // chunked wins over any Content-Length (RFC 9112 §6.3)
        }
        long length = -1;
        List<String> values = headers.tokens("content-length");
        for (String v : values) { // repeated values must agree (RFC 9110 §8.6)
            if (!v.matches("[0-9]{1,18}") || (length >= 0 && Long.parseLong(v) != length)) {
                throw new HttpProtocolException(400, "bad Content-Length: " + values);
            }
            length = Long.parseLong(v);
        }
        length = Math.max(length, 0);
        if (length > maxBodyBytes) {
            throw new HttpProtocolException(413, "body of " + length + " bytes exceeds " + maxBodyBytes);
        }
        return new Framing(false, length);
    }

    byte[] readBody(Framing framing) throws IOException {
        return framing.chunked() ? readChunked() : readExactly((int) framing.length());
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String line = required(readLine(MAX_CHUNK_LINE, 400));
            int semi = line.indexOf(';'); // chunk extensions are ignored
            String hex = (semi < 0 ? line : line.substring(0, semi)).strip();
            if (!hex.matches("[0-9A-Fa-f]{1,8}")) {
                throw new HttpProtocolException(400, "bad chunk size: " + abbreviate(line));
            }
            long size = Long.parseLong(hex, 16);
            if (size == 0) {
                skipTrailers();
                return body.toByteArray();
            }
            if (body.size() + size > maxBodyBytes) {
                throw new HttpProtocolException(413, "chunked body exceeds " + maxBodyBytes + " bytes");
            }
            body.writeBytes(readExactly((int) size));
            if (!required(readLine(MAX_CHUNK_LINE, 400)).isEmpty()) {
                throw new HttpProtocolException(400, "chunk not followed by CRLF");
            }
        }
    }

    private void skipTrailers() throws IOException {
        for (int i = 0; !required(readLine(MAX_CHUNK_LINE, 431)).isEmpty(); i++) {
            if (i == MAX_FIELDS) {
                throw new HttpProtocolException(431, "too many trailer fields");
            }
        }
    }

    private byte[] readExactly(int n) throws IOException {
        byte[] data = in.readNBytes(n);
        if (data.length != n) {
            throw new EOFException("client closed after " + data.length + " of " + n + " body bytes");
        }
        return data;
    }

    /**
     * One line without its CRLF (a bare LF is accepted), decoded as ISO-8859-1; null at end of stream before the
     * first byte. A line longer than {@code max} bytes fails with {@code tooLongStatus}.
     */
    private String readLine(int max, int tooLongStatus) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new EOFException("client closed mid-line");
            }
            if (line.size() >= max) {
                throw new HttpProtocolException(tooLongStatus, "line or header section longer than " + max);
            }
            line.write(b);
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static String required(String line) throws EOFException {
        if (line == null) {
            throw new EOFException("client closed mid-request");
        }
        return line;
    }

    private static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }
}
