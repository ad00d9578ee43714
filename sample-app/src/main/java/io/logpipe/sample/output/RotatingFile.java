package io.logpipe.sample.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A log file rotated by size, as Python's {@code RotatingFileHandler(maxBytes, backupCount)} does: before a write
 * that would take {@code app.log} past {@code maxBytes}, {@code app.log.2} becomes {@code app.log.3} (the oldest
 * is dropped), {@code app.log.1} becomes {@code .2}, {@code app.log} becomes {@code .1}, and a new {@code app.log}
 * starts, beginning with the header when the format has one. An existing file is appended to.
 * Not thread-safe; one writer.
 */
public final class RotatingFile implements AutoCloseable {
    private final Path path;
    private final long maxBytes;
    private final int backups;
    private final String header;
    private Writer out;
    private long size;

    /** {@code header}: written (with a newline) at the top of every new file, or null. */
    public RotatingFile(Path path, long maxBytes, int backups, String header) throws IOException {
        if (maxBytes < 1_024 || backups < 0) {
            throw new IllegalArgumentException("maxBytes must be at least 1024 and backups not negative");
        }
        this.path = path;
        this.maxBytes = maxBytes;
        this.backups = backups;
        this.header = header;
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        open();
    }

    /** Writes {@code text} and a newline; a record is never split across two files. */
    public void write(String text) throws IOException {
        long bytes = utf8Length(text) + 1;
        if (size > headerBytes() && size + bytes > maxBytes) {
            rotate();
        }
        out.write(text);
        out.write('\n');
        size += bytes;
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void open() throws IOException {
        size = Files.exists(path) ? Files.size(path) : 0;
        out = new BufferedWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), 64 * 1024);
        if (size == 0 && header != null) {
            out.write(header);
            out.write('\n');
            size = headerBytes();
        }
    }

    private void rotate() throws IOException {
        out.close();
        if (backups == 0) {
            Files.delete(path);
        } else {
            Files.deleteIfExists(backup(backups));
            for (int i = backups - 1; i >= 1; i--) {
                if (Files.exists(backup(i))) {
                    Files.move(backup(i), backup(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(path, backup(1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    private Path backup(int n) {
        return path.resolveSibling(path.getFileName() + "." + n);
    }

    private long headerBytes() {
        return header == null ? 0 : utf8Length(header) + 1;
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
