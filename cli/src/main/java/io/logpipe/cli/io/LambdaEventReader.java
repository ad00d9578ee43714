package io.logpipe.cli.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads Lambda events from a file: one per line (NDJSON), or a single pretty-printed event spanning the
 * whole file. Lines are bounded: a line longer than the limit is skipped up to its end and reported as
 * {@link Item#tooLong()} with its first bytes, so the run goes on. Blank lines are ignored.
 */
public final class LambdaEventReader implements AutoCloseable {
    /** One input event, or a line that was too long to keep. */
    public record Item(byte[] bytes, long lineNumber, long fullLength, boolean tooLong) {
    }

    private final InputStream in;
    private final int maxBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(64 * 1024);
    private long lineNumber;
    private boolean first = true;

    public LambdaEventReader(InputStream in, int maxBytes) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.maxBytes = maxBytes;
    }

    /** The next event, or null at the end of the input. */
    public Item next() throws IOException {
        while (true) {
            Item item = readLine();
            if (item == null) {
                return null;
            }
            if (first && !item.tooLong() && isOpeningOfPrettyJson(item.bytes())) {
                first = false;
                return readRestAsOneEvent(item);
            }
            first = false;
            if (item.tooLong() || !isBlank(item.bytes())) {
                return item;
            }
        }
    }

    private Item readLine() throws IOException {
        line.reset();
        long length = 0;
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (length++ < maxBytes) {
                line.write(b);
            }
        }
        if (b < 0 && length == 0) {
            return null;
        }
        lineNumber++;
        return new Item(line.toByteArray(), lineNumber, length, length > maxBytes);
    }

    private Item readRestAsOneEvent(Item firstLine) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(firstLine.bytes());
        all.write('\n');
        byte[] rest = in.readNBytes(maxBytes + 1);
        all.write(rest);
        byte[] bytes = all.toByteArray();
        boolean tooLong = bytes.length > maxBytes;
        return new Item(tooLong ? Arrays.copyOf(bytes, maxBytes) : bytes, firstLine.lineNumber(), bytes.length, tooLong);
    }

    /** A line holding just "{" (or an incomplete object) starts a pretty-printed event. */
    private static boolean isOpeningOfPrettyJson(byte[] bytes) {
        String s = new String(bytes, 0, Math.min(bytes.length, 64), java.nio.charset.StandardCharsets.UTF_8).strip();
        return s.equals("{") || (s.startsWith("{") && !s.endsWith("}") && bytes.length < 64);
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
