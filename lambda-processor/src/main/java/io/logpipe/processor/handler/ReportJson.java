package io.logpipe.processor.handler;

import com.fasterxml.jackson.core.JsonGenerator;
import io.logpipe.processor.json.Json;
import io.logpipe.processor.pipeline.InvocationReport;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/** The handler's response body: the invocation report as JSON. */
public final class ReportJson {
    private ReportJson() {
    }

    public static String toJson(InvocationReport r) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("source", r.source().name().toLowerCase(Locale.ROOT));
            g.writeBooleanField("control", r.control());
            g.writeNumberField("events_in", r.eventsIn());
            g.writeNumberField("documents", r.documents());
            g.writeNumberField("events_indexed", r.eventsIndexed());
            g.writeNumberField("joined", r.joined());
            g.writeNumberField("duplicates", r.duplicates());
            g.writeNumberField("events_dead_lettered", r.eventsDeadLettered());
            g.writeNumberField("payloads_dead_lettered", r.payloadsDeadLettered());
            g.writeObjectFieldStart("dead_letter_kinds");
            for (Map.Entry<String, Integer> kind : r.deadLetterKinds().entrySet()) {
                g.writeNumberField(kind.getKey(), kind.getValue());
            }
            g.writeEndObject();
            g.writeBooleanField("conserved", r.conserved());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
