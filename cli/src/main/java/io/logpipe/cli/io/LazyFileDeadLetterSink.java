package io.logpipe.cli.io;

import io.logpipe.processor.dlq.DeadLetterSink;
import io.logpipe.processor.dlq.FileDeadLetterSink;
import io.logpipe.processor.model.DeadLetter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** A file dead-letter sink that creates its file only when the first dead letter arrives. */
public final class LazyFileDeadLetterSink implements DeadLetterSink {
    private final Path file;
    private FileDeadLetterSink delegate;
    private long written;

    public LazyFileDeadLetterSink(Path file) {
        this.file = file;
    }

    @Override
    public void accept(List<DeadLetter> deadLetters) {
        if (deadLetters.isEmpty()) {
            return;
        }
        if (delegate == null) {
            try {
                delegate = new FileDeadLetterSink(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open dead-letter file " + file, e);
            }
        }
        delegate.accept(deadLetters);
        written += deadLetters.size();
    }

    public long written() {
        return written;
    }

    @Override
    public void close() {
        if (delegate != null) {
            delegate.close();
        }
    }
}
