package io.logpipe.sample.format;

import io.logpipe.sample.generate.SampleEvent;

/**
 * One flat JSON object per line, with the keys JSON loggers commonly use and the processor maps
 * ({@code timestamp}, {@code level}, {@code service}, {@code logger}, {@code event}, {@code message},
 * {@code user_id}, {@code session_token}, {@code trace_id}, {@code method}, {@code path}, {@code status},
 * {@code duration_ms}, {@code stack_trace}); absent values are left out.
 */
final class JsonFormatter implements EventFormatter {
    private final String service;

    JsonFormatter(String service) {
        this.service = service;
    }

    @Override
    public String header() {
        return null;
    }

    @Override
    public String format(SampleEvent e) {
        StringBuilder out = new StringBuilder(320);
        out.append("{\"timestamp\":\"").append(Timestamps.ISO.format(e.time())).append('"');
        string(out, "level", e.level().name());
        string(out, "service", service);
        string(out, "logger", e.logger());
        string(out, "event", e.action());
        string(out, "message", e.message());
        string(out, "user_id", e.userId());
        string(out, "session_token", e.sessionToken());
        string(out, "trace_id", e.traceId());
        SampleEvent.Http h = e.http();
        if (h != null) {
            string(out, "method", h.method());
            string(out, "path", h.path());
            out.append(",\"status\":").append(h.status());
            out.append(",\"duration_ms\":").append(h.durationMs());
        }
        string(out, "stack_trace", e.stackTrace());
        return out.append('}').toString();
    }

    private static void string(StringBuilder out, String key, String value) {
        if (value != null) {
            out.append(",\"").append(key).append("\":");
            JsonText.appendQuoted(out, value);
        }
    }
}
