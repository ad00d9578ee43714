package io.logpipe.processor.dlq;

import com.fasterxml.jackson.core.JsonGenerator;
import io.logpipe.processor.clean.TimestampFormatter;
import io.logpipe.processor.json.Json;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.SourceContext;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The dead-letter record format (docs/schema.md, "Dead letters"): when, which stage, what kind of failure,
 * the reason, where the input came from, and the original input itself so it can be replayed.
 */
public final class DeadLetterJson {
    private final TimestampFormatter time = new TimestampFormatter();

    public String toJson(DeadLetter d) {
        StringWriter out = new StringWriter(256 + (d.original() == null ? 0 : d.original().length()));
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("@timestamp", time.format(d.time()));
            g.writeStringField("stage", d.stage().label());
            g.writeStringField("error_type", d.kind().label());
            g.writeStringField("reason", d.reason());
            g.writeBooleanField("retryable", d.kind().retryable());
            g.writeNumberField("events", d.events());
            if (d.eventId() != null) {
                g.writeStringField("event_id", d.eventId());
            }
            writeSource(d.source(), g);
            g.writeStringField("original", d.original());
            if (d.document() != null) {
                g.writeStringField("document", d.document());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeSource(SourceContext s, JsonGenerator g) throws IOException {
        if (s == null) {
            return;
        }
        g.writeObjectFieldStart("source");
        g.writeStringField("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (s.logGroup() != null) {
            g.writeStringField("log_group", s.logGroup());
            g.writeStringField("log_stream", s.logStream());
            g.writeStringField("owner", s.owner());
        }
        if (s.topic() != null) {
            g.writeStringField("topic", s.topic());
            g.writeNumberField("partition", s.partition());
            g.writeNumberField("offset", s.offset());
        }
        g.writeEndObject();
    }
}
