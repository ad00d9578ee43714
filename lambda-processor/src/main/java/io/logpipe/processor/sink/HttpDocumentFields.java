package io.logpipe.processor.sink;

import io.logpipe.processor.model.LogEvent;


import static io.logpipe.processor.sink.EcsDocumentWriter.optional;

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
                optional(g, "method", h.method);
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
            optional(g, "version", h.version);
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
            g.writeStringField("original", h.userAgent);
            g.writeEndObject();
        }
    }
}
