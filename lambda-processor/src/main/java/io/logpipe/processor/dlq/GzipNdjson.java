package io.logpipe.processor.dlq;

import io.logpipe.processor.model.DeadLetter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Dead letters as gzip-compressed JSON lines ({@link DeadLetterJson}, one record a line, each ending in \n). */
final class GzipNdjson {
    private GzipNdjson() {
    }

    static byte[] encode(List<DeadLetter> deadLetters, DeadLetterJson json) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(bytes, 8192), StandardCharsets.UTF_8)) {
            for (DeadLetter d : deadLetters) {
                out.write(json.toJson(d));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot gzip dead letters", e);   // in memory: does not happen
        }
        return bytes.toByteArray();
    }
}
