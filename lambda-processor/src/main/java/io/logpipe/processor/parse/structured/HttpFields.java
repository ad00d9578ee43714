package io.logpipe.processor.parse.structured;

import io.logpipe.processor.model.LogEvent;

import java.util.Map;

/**
 * HTTP request fields of structured request logs: a nested {@code http}/{@code req}/{@code res} object
 * (generic, pino-http) or flat keys such as {@code method}, {@code path}, {@code status}, {@code duration_ms}.
 */
final class HttpFields {
    private HttpFields() {
    }

    static boolean apply(LogEvent e, String key, Object value) {
        return switch (key) {
            case "http", "req", "request", "res", "response" -> value instanceof Map<?, ?> map && applyObject(e, key, map);
            default -> applyFlat(e, key, value);
        };
    }

    static boolean applyFlat(LogEvent e, String key, Object value) {
        return switch (key) {
            case "method", "http_method", "request_method", "http.request.method" -> setMethod(e, value);
            case "path", "url", "uri", "request_path", "request_uri", "url.path" -> setPath(e, value);
            // an HTTP request-target is a path; Rust's tracing and log crates put the module ("orders::db") there
            case "target" -> value instanceof String s && s.startsWith("/") && setPath(e, value);
            case "status", "status_code", "statusCode", "http_status", "response_status",
                 "http.response.status_code" -> setStatus(e, value);
            case "duration_ms", "latency_ms", "elapsed_ms", "response_time_ms", "took_ms", "request_time_ms",
                 "responseTime" -> setDuration(e, Values.decimal(value), 1_000_000d);
            case "request_time" -> setDuration(e, Values.decimal(value), 1_000_000_000d);
            case "client_ip", "remote_addr", "remote_ip", "clientIp", "source_ip", "remoteAddress", "source.ip" ->
                    e.http().sourceIp == null && (e.http().sourceIp = Values.text(value)) != null;
            case "user_agent", "userAgent", "http_user_agent", "user-agent" ->
                    (e.http().userAgent = Values.text(value)) != null;
            case "bytes", "body_bytes_sent", "response_size", "bytes_sent", "content_length" -> setBytes(e, value);
            case "referer", "referrer", "http_referer" -> (e.http().referrer = Values.text(value)) != null;
            default -> false;
        };
    }

    private static boolean applyObject(LogEvent e, String key, Map<?, ?> map) {
        map.entrySet().removeIf(entry -> {
            String sub = String.valueOf(entry.getKey());
            if (sub.equals("headers") && entry.getValue() instanceof Map<?, ?> headers) {
                Object ua = headers.get("user-agent");
                if (ua != null && e.http().userAgent == null) {
                    e.http().userAgent = Values.text(ua);
                }
                return false;                         // headers stay (redaction sees authorization there)
            }
            return applyFlat(e, sub, entry.getValue());
        });
        if (!map.isEmpty()) {
            e.attributes().put(key, map);
        }
        return true;
    }

    private static boolean setMethod(LogEvent e, Object value) {
        String m = Values.text(value);
        if (m == null || m.length() > 16) {
            return false;
        }
        e.http().method = m;
        return true;
    }

    private static boolean setPath(LogEvent e, Object value) {
        String url = Values.text(value);
        if (url == null || e.http != null && e.http.path != null) {
            return false;
        }
        e.http().path = UrlParts.path(url);
        e.http().query = UrlParts.query(url);
        return true;
    }

    private static boolean setStatus(LogEvent e, Object value) {
        long status = Values.whole(value, -1);
        if (status < 100 || status > 599) {
            return false;
        }
        e.http().statusCode = (int) status;
        return true;
    }

    private static boolean setDuration(LogEvent e, double amount, double nanosPerUnit) {
        if (Double.isNaN(amount) || amount < 0 || amount > 1e12) {
            return false;
        }
        e.durationNanos = Math.round(amount * nanosPerUnit);
        return true;
    }

    private static boolean setBytes(LogEvent e, Object value) {
        long bytes = Values.whole(value, -1);
        if (bytes < 0) {
            return false;
        }
        e.http().bodyBytes = bytes;
        return true;
    }
}
