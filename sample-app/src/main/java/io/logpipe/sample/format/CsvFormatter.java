package io.logpipe.sample.format;

import io.logpipe.sample.generate.SampleEvent;

import java.util.Arrays;

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
        String row = Jackson.csvRow(Arrays.asList(Timestamps.ISO.format(e.time()), e.level().name(), service,
                e.logger(), e.action(), e.message(), e.userId(), e.sessionToken(), e.traceId(),
                h == null ? null : h.method(), h == null ? null : h.path(),
                h == null ? null : String.valueOf(h.status()), h == null ? null : String.valueOf(h.durationMs())));
        return e.stackTrace() == null ? row : row + '\n' + e.stackTrace();
    }
}
