package io.logpipe.sample.format;

import io.logpipe.sample.generate.SampleEvent;

/**
 * RFC 4180 CSV under the header {@value #HEADER} (the processor's default {@code LOGPIPE_CSV_HEADERS}); a value
 * is quoted only when it holds a comma, quote or line break. A stack trace follows the record as continuation
 * lines, as a CSV-writing logger's exception output does.
 */
final class CsvFormatter implements EventFormatter {
    static final String HEADER =
            "timestamp,level,service,logger,event,message,user_id,session_token,trace_id,method,path,status,duration_ms";

    private final String service;

    CsvFormatter(String service) {
        this.service = service;
    }

    @Override
    public String header() {
        return HEADER;
    }

    @Override
    public String format(SampleEvent e) {
        SampleEvent.Http h = e.http();
        StringBuilder out = new StringBuilder(256);
        out.append(Timestamps.ISO.format(e.time()));
        field(out, e.level().name());
        field(out, service);
        field(out, e.logger());
        field(out, e.action());
        field(out, e.message());
        field(out, e.userId());
        field(out, e.sessionToken());
        field(out, e.traceId());
        field(out, h == null ? null : h.method());
        field(out, h == null ? null : h.path());
        field(out, h == null ? null : String.valueOf(h.status()));
        field(out, h == null ? null : String.valueOf(h.durationMs()));
        if (e.stackTrace() != null) {
            out.append('\n').append(e.stackTrace());
        }
        return out.toString();
    }

    private static void field(StringBuilder out, String value) {
        out.append(',');
        if (value == null) {
            return;
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (quote) {
            out.append('"').append(value.replace("\"", "\"\"")).append('"');
        } else {
            out.append(value);
        }
    }
}
