package io.logpipe.testkit.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An HTTP/1.1 reverse proxy on 127.0.0.1 that forwards to one OpenSearch node and injects faults on request.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(node.httpUri())) {
 *     proxy.inject(Fault.partialBulkFailure(1, 3, 503));   // point the sink at proxy.uri()
 *     ...
 *     assertThat(proxy.stats().bulkItemsFailed()).isEqualTo(...);
 * }
 * }</pre>
 *
 * <p>Faults are armed with {@link #inject(Fault)} and consumed first-in first-out, one per matching request;
 * requests no armed fault matches are forwarded untouched. All methods are thread-safe.
 */
public final class FaultProxy implements AutoCloseable {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /**
     * Limits and timeouts.
     *
     * @param upstreamTimeout connect and response timeout towards the target
     * @param idleTimeout     a client connection idle (or stalled mid-request) this long is closed
     * @param maxHeaderBytes  request line plus header fields; larger requests are answered 431
     * @param maxBodyBytes    request body, also after gunzip; larger requests are answered 413
     * @param maxConnections  concurrent client connections; further ones wait in the accept backlog
     */
    public record Options(Duration upstreamTimeout, Duration idleTimeout, int maxHeaderBytes, int maxBodyBytes,
                          int maxConnections) {

        public Options {
            if (!upstreamTimeout.isPositive() || !idleTimeout.isPositive()) {
                throw new IllegalArgumentException("timeouts must be positive: " + upstreamTimeout + ", "
                        + idleTimeout);
            }
            if (maxHeaderBytes < 1024 || maxBodyBytes < 1 || maxConnections < 1) {
                throw new IllegalArgumentException("limits too small: maxHeaderBytes=" + maxHeaderBytes
                        + " (min 1024), maxBodyBytes=" + maxBodyBytes + ", maxConnections=" + maxConnections);
            }
        }

        /** 60 s upstream, 5 min idle, 64 KiB headers, 100 MiB bodies (OpenSearch's default), 256 connections. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(60), Duration.ofMinutes(5), 64 * 1024, 100 * 1024 * 1024, 256);
        }

        public Options withUpstreamTimeout(Duration v) {
            return new Options(v, idleTimeout, maxHeaderBytes, maxBodyBytes, maxConnections);
        }

        public Options withIdleTimeout(Duration v) {
            return new Options(upstreamTimeout, v, maxHeaderBytes, maxBodyBytes, maxConnections);
        }

        public Options withMaxBodyBytes(int v) {
            return new Options(upstreamTimeout, idleTimeout, maxHeaderBytes, v, maxConnections);
        }

        public Options withMaxHeaderBytes(int v) {
            return new Options(upstreamTimeout, idleTimeout, v, maxBodyBytes, maxConnections);
        }

        public Options withMaxConnections(int v) {
            return new Options(upstreamTimeout, idleTimeout, maxHeaderBytes, maxBodyBytes, v);
        }
    }

    private final URI target;
    private final Options options;
    private final ServerSocket server;
    private final Upstream upstream;
    private final FaultPlan plan = new FaultPlan();
    private final ProxyCounters counters = new ProxyCounters();
    private final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
    private final Semaphore permits;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ConnectionHandler handler;
    private final Thread acceptor;

    private FaultProxy(URI target, Options options, ServerSocket server) {
        this.target = target;
        this.options = options;
        this.server = server;
        this.upstream = new Upstream(target, options.upstreamTimeout());
        this.permits = new Semaphore(options.maxConnections());
        this.handler = new ConnectionHandler(plan, upstream, counters, options.maxBodyBytes(), stopped);
        this.acceptor = Thread.ofPlatform().daemon().name("fault-proxy-accept-" + server.getLocalPort())
                .unstarted(this::acceptLoop);
    }

    /** Starts a proxy to {@code target} (e.g. {@code http://127.0.0.1:9200}) with {@link Options#defaults()}. */
    public static FaultProxy start(URI target) {
        return start(target, Options.defaults());
    }

    public static FaultProxy start(URI target, Options options) {
        Objects.requireNonNull(options, "options");
        if (target.getHost() == null || !("http".equals(target.getScheme()) || "https".equals(target.getScheme()))) {
            throw new IllegalArgumentException("target must be an http(s) URI with a host: " + target);
        }
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 128);
            FaultProxy proxy = new FaultProxy(target, options, server);
            proxy.acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
    }

    /** Where clients connect: {@code http://127.0.0.1:<port>}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return server.getLocalPort();
    }

    public URI target() {
        return target;
    }

    /** Arms a fault behind those already armed; returns this proxy for chaining. */
    public FaultProxy inject(Fault fault) {
        plan.add(Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /** Disarms all faults; requests in flight keep the fault they already took. */
    public void clear() {
        plan.clear();
    }

    /** The faults still armed, in order, with their remaining {@link Fault#times()}. */
    public List<Fault> pending() {
        return plan.pending();
    }

    public ProxyStats stats() {
        return counters.snapshot();
    }

    /**
     * Stops listening (the port is free when this returns), drops open client connections, aborts upstream
     * requests in flight and waits up to 5 s for connection threads to finish. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopped.countDown();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        connections.forEach(HttpConnection::close);
        upstream.close();
        try {
            acceptor.join(CLOSE_WAIT);
            permits.tryAcquire(options.maxConnections(), CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed.get()) {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                return;
            }
            try {
                serve(server.accept());
            } catch (IOException e) {
                permits.release();
                // closed: the loop ends; otherwise a transient failure (e.g. out of file descriptors): back off
                awaitStop(Duration.ofMillis(50));
            }
        }
    }

    /** Serves one connection on its own virtual (hence daemon) thread; releases its permit when done. */
    private void serve(Socket socket) {
        Thread.ofVirtual().name("fault-proxy-conn-" + socket.getPort()).start(() -> {
            HttpConnection conn = null;
            try {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, options.idleTimeout().toMillis()));
                conn = new HttpConnection(socket, options.maxHeaderBytes(), options.maxBodyBytes());
                connections.add(conn);
                if (!closed.get()) { // close() may have swept the set before the add
                    handler.serve(conn);
                }
            } catch (IOException e) {
                // socket already unusable
            } finally {
                if (conn != null) {
                    connections.remove(conn);
                }
                closeQuietly(socket);
                permits.release();
            }
        });
    }

    private void awaitStop(Duration d) {
        try {
            stopped.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public String toString() {
        return "FaultProxy[" + uri() + " -> " + target + "]";
    }
}
