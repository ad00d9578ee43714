package io.logpipe.processor.parse.access;

import io.logpipe.processor.json.PlainDecimal;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.parse.LogFormat;
import io.logpipe.processor.parse.LogParser;

/**
 * NCSA common and combined access logs (nginx, Apache httpd, envoy's text format):
 * {@code host ident user [time] "METHOD target PROTO" status bytes ["referer" "user-agent"] [request_time ...]}.
 * A trailing number after the user agent, as nginx's common {@code $request_time} extension writes, is
 * taken as the request time in seconds.
 *
 * <p>Hand-written with index scans: a regex for this line costs several times more, and access logs are a
 * large share of all events.
 */
public final class AccessLogParser implements LogParser {

    @Override
    public LogFormat format() {
        return LogFormat.ACCESS_LOG;
    }

    @Override
    public boolean mayStartWith(char first) {
        return isHostChar(first);
    }

    @Override
    public boolean parse(String s, LogEvent e) {
        int hostEnd = s.indexOf(' ');
        if (hostEnd <= 0 || hostEnd > 64 || !looksLikeHost(s, hostEnd)) {
            return false;
        }
        int open = s.indexOf(" [", hostEnd);
        int close = open < 0 || open > hostEnd + 256 ? -1 : s.indexOf("] \"", open);
        if (close < 0) {
            return false;
        }
        int requestEnd = RequestLine.closingQuote(s, close + 3);
        if (requestEnd < 0 || requestEnd + 2 >= s.length() || s.charAt(requestEnd + 1) != ' ') {
            return false;
        }
        int statusStart = requestEnd + 2;
        int status = threeDigits(s, statusStart);
        if (status < 0) {
            return false;
        }
        LogEvent.Http http = e.http();
        http.statusCode = status;
        http.sourceIp = s.substring(0, hostEnd);
        user(s, hostEnd, open, e);
        e.timeText = s.substring(open + 2, close);
        RequestLine.read(s.substring(close + 3, requestEnd), http);
        int after = bytes(s, statusStart + 4, http);
        after = trailer(s, after, e);
        e.dataset = format().dataset();
        e.message = s;
        return true;
    }

    /** {@code ident user}: the second token after the host; "-" means none. */
    private static void user(String s, int hostEnd, int open, LogEvent e) {
        int identEnd = s.indexOf(' ', hostEnd + 1);
        if (identEnd > 0 && identEnd < open) {
            String user = s.substring(identEnd + 1, open);
            if (!user.equals("-") && !user.isEmpty() && e.userId == null) {
                e.userId = user;
            }
        }
    }

    private static int bytes(String s, int i, LogEvent.Http http) {
        if (i >= s.length()) {
            return i;
        }
        int end = s.indexOf(' ', i);
        end = end < 0 ? s.length() : end;
        long bytes = 0;
        boolean digits = end > i;
        for (int k = i; k < end && digits; k++) {
            char c = s.charAt(k);
            digits = c >= '0' && c <= '9';
            bytes = bytes * 10 + (c - '0');
        }
        if (digits && end - i < 19) {
            http.bodyBytes = bytes;
        }
        return end;
    }

    /** Optional {@code "referer" "user-agent"} then optional request time in seconds. */
    private static int trailer(String s, int i, LogEvent e) {
        if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
            int refEnd = RequestLine.closingQuote(s, i + 2);
            if (refEnd < 0) {
                return s.length();
            }
            String referrer = s.substring(i + 2, refEnd);
            if (!referrer.equals("-")) {
                e.http().referrer = referrer;
            }
            i = refEnd + 1;
            if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                int uaEnd = RequestLine.closingQuote(s, i + 2);
                if (uaEnd < 0) {
                    return s.length();
                }
                String userAgent = s.substring(i + 2, uaEnd);
                if (!userAgent.equals("-")) {
                    e.http().userAgent = userAgent;
                }
                i = uaEnd + 1;
            }
        }
        return requestTime(s, i, e);
    }

    private static int requestTime(String s, int i, LogEvent e) {
        if (i + 1 >= s.length() || s.charAt(i) != ' ') {
            return i;
        }
        int end = s.indexOf(' ', i + 1);
        end = end < 0 ? s.length() : end;
        String token = s.substring(i + 1, end);
        if (!token.isEmpty() && token.length() < 16 && Character.isDigit(token.charAt(0))) {
            try {
                double plain = PlainDecimal.parse(token, 0, token.length());
                e.durationNanos = Math.round((Double.isNaN(plain) ? Double.parseDouble(token) : plain) * 1e9);
            } catch (NumberFormatException ignored) {
                // not a request time: leave the duration unset
            }
        }
        return end;
    }

    private static int threeDigits(String s, int i) {
        if (i + 3 > s.length() || (i + 3 < s.length() && s.charAt(i + 3) != ' ')) {
            return -1;
        }
        int v = 0;
        for (int k = i; k < i + 3; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v >= 100 && v <= 599 ? v : -1;
    }

    /** IPv4, IPv6 or a host name: no quotes, brackets or '='. */
    private static boolean looksLikeHost(String s, int end) {
        for (int i = 0; i < end; i++) {
            if (!isHostChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHostChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == ':' || c == '-' || c == '_';
    }
}
