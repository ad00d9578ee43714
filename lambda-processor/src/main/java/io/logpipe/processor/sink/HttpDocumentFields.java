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
            g.writeObjectFieldStart("http");
            if (h.method != null || h.referrer != null) {
                g.writeObjectFieldStart("request");
                optionalRepeated(g, "method", h.method, EcsDocumentWriter.HTTP_METHOD);
                optional(g, "referrer", h.referrer);
                g.writeEndObject();
            }
            if (h.statusCode > 0 || h.bodyBytes >= 0) {
                g.writeObjectFieldStart("response");
                if (h.statusCode > 0) {
                    g.writeNumberField("status_code", h.statusCode);
                }
                if (h.bodyBytes >= 0) {
                    g.writeObjectFieldStart("body");
                    g.writeNumberField("bytes", h.bodyBytes);
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            optionalRepeated(g, "version", h.version, EcsDocumentWriter.HTTP_VERSION);
            g.writeEndObject();
        }
        if (h.path != null || h.query != null) {
            g.writeObjectFieldStart("url");
            optional(g, "path", h.path);
            optional(g, "query", h.query);
            g.writeEndObject();
        }
        if (h.sourceIp != null) {
            g.writeObjectFieldStart("source");
            g.writeStringField("ip", h.sourceIp);
            g.writeEndObject();
        }
        if (h.userAgent != null) {
            g.writeObjectFieldStart("user_agent");
            g.writeRepeatedStringField("original", h.userAgent, EcsDocumentWriter.USER_AGENT);
            g.writeEndObject();
        }
    }
}
