package io.logpipe.processor.dlq;

import io.logpipe.processor.model.DeadLetter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Appends dead letters as JSON lines to a local file (the CLI's {@code --dead-letter}); flushed per batch. */
public final class FileDeadLetterSink implements DeadLetterSink {
    private final BufferedWriter writer;
    private final DeadLetterJson json = new DeadLetterJson();

    public FileDeadLetterSink(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    @Override
    public void accept(List<DeadLetter> deadLetters) {
        try {
            for (DeadLetter d : deadLetters) {
                writer.write(json.toJson(d));
                writer.write('\n');
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dead letters", e);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
