package io.logpipe.processor.parse.access;

import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.parse.LogFormat;
import io.logpipe.processor.parse.LogParser;
import io.logpipe.processor.parse.TextScan;

/**
 * Envoy's default access log, which the Envoy sidecar of ECS Service Connect and App Mesh writes:
 * <pre>
 * [2025-07-08T00:12:01.782Z] "GET /api/orders HTTP/1.1" 503 UF 0 91 12 - "10.0.1.5" "curl/8.0"
 *     "1b2c3d4e-aaaa-bbbb-cccc-1234567890ab" "orders.local" "127.0.0.1:8080"
 * </pre>
 * That is {@code [start] "method path protocol" status flags bytes_received bytes_sent duration_ms
 * upstream_service_time "x-forwarded-for" "user-agent" "x-request-id" "authority" "upstream_host"}. The request,
 * status, bytes sent, user agent and the first X-Forwarded-For address fill the http and source fields as an
 * access log's do, the duration becomes event.duration, and the rest goes to attributes. Status 0 (no response was
 * sent) sets no status code. A line that stops early keeps what was read up to there.
 */
public final class EnvoyAccessLogParser implements LogParser {
    /** The quoted fields after X-Forwarded-For and the user agent, by their attribute names. */
    private static final String[] QUOTED_ATTRIBUTES = {"request_id", "authority", "upstream_host"};

    @Override
    public LogFormat format() {
        return LogFormat.ACCESS_LOG;
    }

    @Override
    public boolean mayStartWith(char first) {
        return first == '[';
    }

    @Override
    public boolean parse(String s, LogEvent e) {
        if (s.length() < 30 || s.charAt(0) != '[' || !Character.isDigit(s.charAt(1))) {
            return false;
        }
        int close = s.indexOf("] \"", 1);
        if (close < 0 || close > 40) {
            return false;
        }
        int requestEnd = RequestLine.closingQuote(s, close + 3);
        int statusEnd = requestEnd < 0 ? -1 : TextScan.digitsEnd(s, requestEnd + 2);
        if (statusEnd < 0 || requestEnd + 1 >= s.length() || s.charAt(requestEnd + 1) != ' '
                || statusEnd == requestEnd + 2 || statusEnd - (requestEnd + 2) > 3
                || statusEnd >= s.length() || s.charAt(statusEnd) != ' ') {
            return false;
        }
        LogEvent.Http http = e.http();
        e.timeText = s.substring(1, close);
        RequestLine.read(s.substring(close + 3, requestEnd), http);
        int status = Integer.parseInt(s, requestEnd + 2, statusEnd, 10);
        if (status >= 100 && status <= 599) {
            http.statusCode = status;
        }
        numbersAndQuoted(s, statusEnd + 1, e);
        e.message = s;
        e.dataset = format().dataset();
        return true;
    }

    /** {@code flags received sent duration upstream_time} then the quoted fields. */
    private static void numbersAndQuoted(String s, int i, LogEvent e) {
        String[] tokens = new String[5];
        for (int t = 0; t < tokens.length; t++) {
            int end = s.indexOf(' ', i);
            if (end < 0) {
                return;
            }
            tokens[t] = s.substring(i, end);
            i = end + 1;
        }
        attribute(e, "response_flags", tokens[0]);
        attribute(e, "bytes_received", tokens[1]);
        long sent = number(tokens[2]);
        if (sent >= 0) {
            e.http().bodyBytes = sent;
        }
        long duration = number(tokens[3]);
        if (duration >= 0 && duration < Long.MAX_VALUE / 1_000_000) {
            e.durationNanos = duration * 1_000_000;
        }
        attribute(e, "upstream_service_time_ms", tokens[4]);
        for (int q = 0; q < 2 + QUOTED_ATTRIBUTES.length && i < s.length() && s.charAt(i) == '"'; q++) {
            int end = RequestLine.closingQuote(s, i + 1);
            if (end < 0) {
                return;
            }
            String value = s.substring(i + 1, end);
            switch (q) {
                case 0 -> forwardedFor(value, e);
                case 1 -> {
                    if (!value.equals("-")) {
                        e.http().userAgent = value;
                    }
                }
                default -> attribute(e, QUOTED_ATTRIBUTES[q - 2], value);
            }
            i = end + 2;
        }
    }

    /** The client is the first address of X-Forwarded-For. */
    private static void forwardedFor(String value, LogEvent e) {
        int comma = value.indexOf(',');
        String first = (comma < 0 ? value : value.substring(0, comma)).strip();
        if (!first.isEmpty() && !first.equals("-")) {
            e.http().sourceIp = first;
        }
    }

    private static void attribute(LogEvent e, String key, String value) {
        if (!value.isEmpty() && !value.equals("-")) {
            e.attributes().put(key, value);
        }
    }

    /** A non-negative whole number of at most 18 digits, or -1 ("-" and anything else). */
    private static long number(String token) {
        if (token.isEmpty() || token.length() > 18 || TextScan.digitsEnd(token, 0) != token.length()) {
            return -1;
        }
        return Long.parseLong(token);
    }
}
