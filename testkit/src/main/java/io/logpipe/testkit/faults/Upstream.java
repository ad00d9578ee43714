package io.logpipe.testkit.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Forwards requests to the target node over HTTP/1.1 with {@link HttpClient}, which pools connections. */
final class Upstream implements AutoCloseable {

    /** Fields HttpClient sets itself and refuses from callers; the body is always sent with Content-Length. */
    private static final Set<String> CLIENT_MANAGED = Set.of("host", "expect", "content-length", "connection",
            "upgrade");

    private final String base;
    private final Duration timeout;
    private final HttpClient client;

    Upstream(URI target, Duration timeout) {
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        this.base = target.getScheme() + "://" + target.getRawAuthority()
                + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    /** Sends the request and reads the whole response; IOException when upstream cannot be reached or answer. */
    ProxyResponse send(ProxyRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(request)).timeout(timeout)
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (Headers.Field f : request.headers().endToEnd().fields()) {
            if (!CLIENT_MANAGED.contains(f.name().toLowerCase(Locale.ROOT))) {
                try {
                    b.header(f.name(), f.value());
                } catch (IllegalArgumentException e) {
                    // a field HttpClient will not send (restricted name or invalid value): dropped
                }
            }
        }
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new ProxyResponse(r.statusCode(), responseHeaders(r.headers().map()), r.body());
    }

    private URI uri(ProxyRequest request) throws HttpProtocolException {
        try {
            return URI.create(base + request.target());
        } catch (IllegalArgumentException e) {
            throw new HttpProtocolException(400, "request target is not a valid URI: " + e.getMessage());
        }
    }

    /** Upstream's fields minus hop-by-hop ones; Content-Length is kept for answering HEAD. */
    private static Headers responseHeaders(Map<String, List<String>> map) {
        List<Headers.Field> fields = new ArrayList<>();
        map.forEach((name, values) -> {
            if (!name.startsWith(":")) {
                values.forEach(v -> fields.add(new Headers.Field(name, v)));
            }
        });
        Headers all = new Headers(fields);
        String length = all.first("content-length").orElse(null);
        Headers endToEnd = all.endToEnd();
        return length == null ? endToEnd : endToEnd.with("content-length", length);
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
