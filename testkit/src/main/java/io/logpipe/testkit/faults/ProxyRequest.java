package io.logpipe.testkit.faults;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One client request, body fully read (de-chunked, still content-encoded).
 *
 * @param method  request method as sent
 * @param target  origin-form request target: path plus optional {@code ?query}, undecoded
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers header fields as received
 * @param body    the body bytes (never null)
 */
record ProxyRequest(String method, String target, String version, Headers headers, byte[] body) {

    String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The raw query string without {@code ?}, or "". */
    String query() {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }

    /** The first value of a query parameter, percent-decoded. */
    Optional<String> queryParam(String name) {
        for (String part : query().split("&")) {
            int eq = part.indexOf('=');
            String key = decode(eq < 0 ? part : part.substring(0, eq));
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : decode(part.substring(eq + 1)));
            }
        }
        return Optional.empty();
    }

    /** This request with every occurrence of a query parameter removed. */
    ProxyRequest withoutQueryParam(String name) {
        List<String> kept = new ArrayList<>();
        for (String part : query().split("&")) {
            int eq = part.indexOf('=');
            if (!part.isEmpty() && !decode(eq < 0 ? part : part.substring(0, eq)).equals(name)) {
                kept.add(part);
            }
        }
        String t = kept.isEmpty() ? path() : path() + "?" + String.join("&", kept);
        return new ProxyRequest(method, t, version, headers, body);
    }

    ProxyRequest withBody(Headers newHeaders, byte[] newBody) {
        return new ProxyRequest(method, target, version, newHeaders, newBody);
    }

    boolean isHead() {
        return method.equals("HEAD");
    }

    /** HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 clients get one request per connection. */
    boolean keepAlive() {
        return version.equals("HTTP/1.1") && !headers.hasToken("connection", "close");
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // malformed escapes: compare the raw text
        }
    }
}
