package io.logpipe.sample.format;

import io.logpipe.sample.generate.SampleEvent;

/**
 * Python logging's {@code [%(asctime)s] %(levelname)s: %(message)s}, the message ending with key=value pairs
 * ({@code user_id}, {@code session_token}, {@code trace_id}, request fields); a stack trace follows on its own lines.
 */
final class TextFormatter implements EventFormatter {

    @Override
    public String header() {
        return null;
    }

    @Override
    public String format(SampleEvent e) {
        StringBuilder out = new StringBuilder(256);
        out.append('[').append(Timestamps.PYTHON.format(e.time())).append("] ").append(e.level().name()).append(": ")
                .append(e.message());
        pair(out, "user_id", e.userId());
        pair(out, "session_token", e.sessionToken());
        pair(out, "trace_id", e.traceId());
        SampleEvent.Http h = e.http();
        if (h != null) {
            pair(out, "method", h.method());
            pair(out, "path", h.path());
            pair(out, "status", String.valueOf(h.status()));
            pair(out, "duration_ms", String.valueOf(h.durationMs()));
        }
        if (e.stackTrace() != null) {
            out.append('\n').append(e.stackTrace());
        }
        return out.toString();
    }

    private static void pair(StringBuilder out, String key, String value) {
        if (value != null) {
            out.append(' ').append(key).append('=').append(value);
        }
    }
}
