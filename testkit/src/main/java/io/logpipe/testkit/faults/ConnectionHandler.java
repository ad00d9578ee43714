package io.logpipe.testkit.faults;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Serves one client connection: reads requests in turn, applies at most one armed fault to each, and answers. */
final class ConnectionHandler {

    private final FaultPlan plan;
    private final Upstream upstream;
    private final ProxyCounters counters;
    private final int maxBodyBytes;
    private final CountDownLatch stopped;

    ConnectionHandler(FaultPlan plan, Upstream upstream, ProxyCounters counters, int maxBodyBytes,
                      CountDownLatch stopped) {
        this.plan = plan;
        this.upstream = upstream;
        this.counters = counters;
        this.maxBodyBytes = maxBodyBytes;
        this.stopped = stopped;
    }

    void serve(HttpConnection conn) {
        try {
            for (ProxyRequest r = conn.readRequest(); r != null && handle(conn, r); r = conn.readRequest()) {
                // keep-alive: next request on the same connection
            }
        } catch (HttpProtocolException e) {
            refuse(conn, e);
        } catch (IOException e) {
            // client closed, reset or idled out: nothing left to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the proxy is closing
        } finally {
            conn.close();
        }
    }

    /** Answers a request the proxy cannot handle, then lets the client read that before the socket closes. */
    private static void refuse(HttpConnection conn, HttpProtocolException e) {
        try {
            conn.send(ProxyResponse.error(e.status(), "fault_proxy_exception", e.getMessage()), false, true);
            conn.closeGracefully();
        } catch (IOException ignored) {
            // the client is gone as well
        }
    }

    /** Answers one request; returns whether the connection stays open for the next. */
    private boolean handle(HttpConnection conn, ProxyRequest request) throws IOException, InterruptedException {
        Optional<BulkBody> bulk = bulkBody(request);
        int items = bulk.map(BulkBody::size).orElse(0);
        counters.request(items);
        Fault f = plan.take(request.path(), bulk.isPresent()).orElse(null);
        if (f == null) {
            return answer(conn, request, forward(request, items));
        }
        counters.fault(f.kind());
        return switch (f.kind()) {
            case TOO_MANY_REQUESTS -> answer(conn, request, injectedError(f)
                    .withHeader("Retry-After", Long.toString(f.retryAfterSeconds())));
            case SERVER_ERROR -> answer(conn, request, injectedError(f));
            case PARTIAL_BULK_FAILURE -> answer(conn, request, partialFailure(f, request, bulk.orElseThrow()));
            case RESET_BEFORE_FORWARD -> reset(conn);
            case RESET_AFTER_FORWARD -> {
                forward(request, items); // the node has answered, i.e. done the work, before the reset
                yield reset(conn);
            }
            case DELAY -> {
                ProxyResponse response = forward(request, items);
                if (sleepUnlessStopped(f.duration())) {
                    yield false; // the proxy is closing: drop the connection
                }
                yield answer(conn, request, response);
            }
        };
    }

    private ProxyResponse partialFailure(Fault f, ProxyRequest request, BulkBody body)
            throws IOException, InterruptedException {
        BulkSplit split = new BulkSplit(f, request, body);
        Optional<ProxyRequest> rest = split.forwardRequest();
        ProxyResponse fromUpstream = rest.isPresent() ? forward(rest.get(), split.forwardedItems()) : null;
        ProxyResponse merged = split.respond(fromUpstream, maxBodyBytes);
        if (merged.status() == 200) { // else upstream's whole-request error went out instead
            counters.itemsFailed(split.failedItems());
        }
        return merged;
    }

    /** Upstream's answer, or a 502 when it could not be had. */
    private ProxyResponse forward(ProxyRequest request, int bulkItems) throws IOException, InterruptedException {
        try {
            ProxyResponse response = upstream.send(request);
            counters.forwarded(bulkItems);
            return response;
        } catch (HttpProtocolException e) {
            throw e; // the request itself is bad: answered 400 by serve()
        } catch (IOException e) {
            counters.upstreamError();
            return ProxyResponse.error(502, "fault_proxy_exception", "upstream failed: " + e);
        }
    }

    private boolean answer(HttpConnection conn, ProxyRequest request, ProxyResponse response) throws IOException {
        boolean keepAlive = request.keepAlive() && stopped.getCount() > 0;
        conn.send(response, request.isHead(), !keepAlive);
        return keepAlive;
    }

    private static boolean reset(HttpConnection conn) {
        conn.reset();
        return false;
    }

    private static ProxyResponse injectedError(Fault f) {
        return ProxyResponse.error(f.status(), f.errorType(), ProxyResponse.INJECTED_REASON);
    }

    /** Waits for {@code d}; true if the proxy was closed meanwhile. */
    private boolean sleepUnlessStopped(Duration d) throws InterruptedException {
        return stopped.await(d.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The parsed body of a bulk request, or empty for other requests and bodies the proxy cannot read. */
    private Optional<BulkBody> bulkBody(ProxyRequest request) {
        String path = request.path();
        if (!Fault.isBulkPath(path) || !(request.method().equals("POST") || request.method().equals("PUT"))) {
            return Optional.empty();
        }
        boolean gzip = Gzip.isEncoded(request.headers());
        if (!gzip && !request.headers().tokens("content-encoding").stream().allMatch("identity"::equals)) {
            return Optional.empty(); // an encoding we cannot decode: pass through untouched
        }
        try {
            byte[] plain = gzip ? Gzip.gunzip(request.body(), maxBodyBytes) : request.body();
            BulkBody body = BulkBody.parse(plain, BulkBody.pathIndex(path));
            return body.size() > 0 ? Optional.of(body) : Optional.empty(); // empty: the node answers 400 itself
        } catch (IOException e) {
            return Optional.empty(); // malformed: the node gives the real error
        }
    }
}
