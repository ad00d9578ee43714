package io.logpipe.processor.sink;

import io.logpipe.processor.model.LogEvent;


import static io.logpipe.processor.sink.EcsDocumentWriter.optional;
import static io.logpipe.processor.sink.EcsDocumentWriter.optionalRepeated;

/** ECS {@code http.*}, {@code url.*}, {@code source.ip} and {@code user_agent.original}. */
final class HttpDocumentFields {
    private HttpDocumentFields() {
    }

    static void write(LogEvent e, JsonOut g) {
        LogEvent.Http h = e.http;
        if (h == null) {
            return;
        }
        if (h.method != null || h.statusCode > 0 || h.bodyBytes >= 0 || h.version != null || h.referrer != null) {
            g.writeObjectFieldStart(FieldNames.HTTP);
            if (h.method != null || h.referrer != null) {
                g.writeObjectFieldStart(FieldNames.REQUEST);
                optionalRepeated(g, FieldNames.METHOD, h.method, EcsDocumentWriter.HTTP_METHOD);
                optional(g, FieldNames.REFERRER, h.referrer);
                g.writeEndObject();
            }
            if (h.statusCode > 0 || h.bodyBytes >= 0) {
                g.writeObjectFieldStart(FieldNames.RESPONSE);
                if (h.statusCode > 0) {
                    g.writeNumberField(FieldNames.STATUS_CODE, h.statusCode);
                }
                if (h.bodyBytes >= 0) {
                    g.writeObjectFieldStart(FieldNames.BODY);
                    g.writeNumberField(FieldNames.BYTES, h.bodyBytes);
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            optionalRepeated(g, FieldNames.VERSION, h.version, EcsDocumentWriter.HTTP_VERSION);
            g.writeEndObject();
        }
        if (h.path != null || h.query != null) {
            g.writeObjectFieldStart(FieldNames.URL);
            optional(g, FieldNames.PATH, h.path);
            optional(g, FieldNames.QUERY, h.query);
            g.writeEndObject();
        }
        if (h.sourceIp != null) {
            g.writeObjectFieldStart(FieldNames.SOURCE);
            g.writeStringField(FieldNames.IP, h.sourceIp);
            g.writeEndObject();
        }
        if (h.userAgent != null) {
            g.writeObjectFieldStart(FieldNames.USER_AGENT);
            g.writeRepeatedStringField(FieldNames.ORIGINAL, h.userAgent, EcsDocumentWriter.USER_AGENT);
            g.writeEndObject();
        }
    }
}
