package io.logpipe.sample.format;

import io.logpipe.sample.generate.SampleEvent;

import java.util.Locale;

/**
 * The combined access-log format (nginx's {@code combined}, Apache's {@code %h %l %u %t "%r" %>s %b "%{Referer}i"
 * "%{User-agent}i"}) extended, as nginx setups commonly are, with {@code $request_time} and a trace id:
 * {@code 203.0.113.9 - u-1042 [22/Nov/2026:20:41:07 +0000] "GET /api/products/7 HTTP/1.1" 200 5120 "-" "curl/8.5.0" 0.041 trace_id=4bf9...}
 */
final class AccessLineFormatter {
    private AccessLineFormatter() {
    }

    static String format(SampleEvent e) {
        SampleEvent.Http h = e.http();
        return h.clientIp() + " - " + (e.userId() == null ? "-" : e.userId())
                + " [" + Timestamps.ACCESS.format(e.time()) + "] \""
                + h.method() + " " + h.path() + " HTTP/1.1\" " + h.status() + " " + h.bytes()
                + " \"" + (h.referrer() == null ? "-" : h.referrer()) + "\" \"" + h.userAgent() + "\" "
                + String.format(Locale.ROOT, "%.3f", h.durationMs() / 1000.0)
                + " trace_id=" + e.traceId();
    }
}
