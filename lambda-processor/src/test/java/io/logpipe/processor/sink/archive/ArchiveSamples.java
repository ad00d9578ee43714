package io.logpipe.processor.sink.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpipe.processor.model.Level;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.model.RawLogRecord;
import io.logpipe.processor.model.SourceContext;
import io.logpipe.processor.sink.DocumentEncoder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Documents as the pipeline leaves them, for the archive's tests. */
final class ArchiveSamples {
    static final ObjectMapper JSON = new ObjectMapper();

    private ArchiveSamples() {
    }

    /** A document of {@code service} at {@code isoTime} (UTC), with a CloudWatch event id. */
    static LogEvent document(String id, String service, String isoTime, String message) {
        long ts = Instant.parse(isoTime).toEpochMilli();
        LogEvent e = new LogEvent(new RawLogRecord(id, ts + 16, message,
                SourceContext.cloudWatch("123456789012", "/ecs/" + service, "stream-1")));
        e.timestamp = ts;
        e.message = message;
        e.level = Level.INFO;
        e.dataset = "text";
        e.serviceName = service;
        e.environment = "prod";
        return e;
    }

    /** {@code count} documents of one service, one second apart from {@code isoTime}, ids {@code <prefix>-<n>}. */
    static List<LogEvent> documents(String idPrefix, String service, String isoTime, int count) {
        List<LogEvent> out = new ArrayList<>(count);
        Instant t = Instant.parse(isoTime);
        for (int i = 0; i < count; i++) {
            out.add(document(idPrefix + "-" + i, service, t.plusSeconds(i).toString(), "request " + i + " served"));
        }
        return out;
    }

    /** What the production encoder makes of the document, as a JSON tree. */
    static JsonNode encoded(LogEvent e) {
        DocumentEncoder encoder = new DocumentEncoder();
        encoder.encode(e);
        return tree(encoder.text());
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException ex) {
            throw new UncheckedIOException("not JSON: " + json, ex);
        }
    }

    /** The lines of a gzip NDJSON body; asserts every line ends in a newline. */
    static List<String> gunzipLines(byte[] gz) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return lines(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(String text) {
        if (!text.endsWith("\n")) {
            throw new AssertionError("NDJSON must end in a newline: ..." + text.substring(Math.max(0, text.length() - 80)));
        }
        return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }
}
