package io.logpipe.sample.output;

import io.logpipe.sample.LogLevel;
import io.logpipe.sample.format.EventFormatter;
import io.logpipe.sample.generate.SampleEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where events go: filtered by level, formatted, written to stdout (and the rotating file, if any) and kept in
 * {@link RecentLines}. The CSV header is written to stdout once, before the first event.
 */
public final class LogOutput implements AutoCloseable {
    private final LogLevel threshold;
    private final EventFormatter formatter;
    private final Writer stdout;
    private final RotatingFile file;
    private final RecentLines recent;
    private final AtomicLong written = new AtomicLong();
    private boolean headerWritten;

    /** {@code file} may be null. */
    public LogOutput(LogLevel threshold, EventFormatter formatter, Writer stdout, RotatingFile file, RecentLines recent) {
        this.threshold = threshold;
        this.formatter = formatter;
        this.stdout = stdout;
        this.file = file;
        this.recent = recent;
    }

    /** Writes the event unless it is below the level; returns whether it was written. */
    public synchronized boolean emit(SampleEvent event) {
        if (!event.level().isAtLeast(threshold)) {
            return false;
        }
        try {
            if (!headerWritten && formatter.header() != null) {
                writeStdout(formatter.header());
            }
            headerWritten = true;
            String text = formatter.format(event);
            writeStdout(text);
            if (file != null) {
                file.write(text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write log output", e);
        }
        written.incrementAndGet();
        return true;
    }

    public synchronized void flush() {
        try {
            stdout.flush();
            if (file != null) {
                file.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush log output", e);
        }
    }

    /** Events written so far. */
    public long written() {
        return written.get();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        if (file != null) {
            file.close();
        }
    }

    private void writeStdout(String text) throws IOException {
        stdout.write(text);
        stdout.write('\n');
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            recent.add(text.substring(start, nl));
            start = nl + 1;
        }
        recent.add(text.substring(start));
    }
}
