package io.logpipe.processor.parse.access;

import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.parse.structured.UrlParts;

/** An HTTP request line as web servers and proxies log it: {@code GET /api/orders?id=5 HTTP/1.1}. */
final class RequestLine {
    private static final int MAX_METHOD = 16;

    private RequestLine() {
    }

    /** Method, path, query and protocol version into {@code http}; "-" or a garbage line sets nothing. */
    static void read(String line, LogEvent.Http http) {
        int sp1 = line.indexOf(' ');
        if (sp1 <= 0 || sp1 > MAX_METHOD) {
            return;
        }
        int sp2 = line.lastIndexOf(' ');
        String target = sp2 > sp1 ? line.substring(sp1 + 1, sp2) : line.substring(sp1 + 1);
        http.method = known(line, 0, sp1, METHODS);
        http.path = UrlParts.path(target);
        http.query = UrlParts.query(target);
        if (sp2 > sp1 && line.startsWith("HTTP/", sp2 + 1)) {
            http.version = known(line, sp2 + 6, line.length(), VERSIONS);
        }
    }

    // Methods and versions come back as these constants when they are one of them: the sink then finds the value
    // of the last document by identity, without comparing chars.
    private static final String[] METHODS = {"GET", "POST", "PUT", "HEAD", "DELETE", "PATCH", "OPTIONS"};
    private static final String[] VERSIONS = {"1.1", "2.0", "1.0", "2", "3"};

    private static String known(String s, int from, int to, String[] constants) {
        for (String constant : constants) {
            if (constant.length() == to - from && s.startsWith(constant, from)) {
                return constant;
            }
        }
        return s.substring(from, to);
    }

    /** Index of the {@code "} closing a quoted field whose text starts at {@code from} (escapes skipped), or -1. */
    static int closingQuote(String s, int from) {
        int quote = s.indexOf('"', from);
        if (quote < 0 || s.indexOf('\\', from, quote) < 0) {
            return quote;                  // no escape before it (the usual case): two vectorised searches
        }
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }
}
