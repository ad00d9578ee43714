package io.logpipe.sample.format;

import io.logpipe.sample.generate.SampleEvent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("timestamp", Timestamps.ISO.format(e.time()));
        record.put("level", e.level().name());
        record.put("service", service);
        record.put("logger", e.logger());
        record.put("event", e.action());
        record.put("message", e.message());
        record.put("user_id", e.userId());
        record.put("session_token", e.sessionToken());
        record.put("trace_id", e.traceId());
        SampleEvent.Http h = e.http();
        if (h != null) {
            record.put("method", h.method());
            record.put("path", h.path());
            record.put("status", h.status());
            record.put("duration_ms", h.durationMs());
        }
        record.put("stack_trace", e.stackTrace());
        record.values().removeIf(Objects::isNull);   // absent values are left out, not written as null
        return Jackson.json(record);
    }
}
