package io.logpipe.testkit.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on {@code 127.0.0.1:<free port>} that can be cut and restored, for outages of non-HTTP servers
 * (a Kafka broker: see {@code KafkaBroker.startBehind}). {@link #cut()} closes the listening socket and every
 * open connection, so clients see resets and then "connection refused", as when the server is down;
 * {@link #restore()} listens on the same port again. One virtual thread per direction per connection.
 *
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.start()) {
 *     proxy.forwardTo("127.0.0.1", serverPort);
 *     ... clients use proxy.port() ...
 *     proxy.cut();  ...  proxy.restore();
 * }
 * }</pre>
 */
public final class TcpProxy implements AutoCloseable {
    private static final int BUFFER = 16 * 1024;

    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile String targetHost;
    private volatile int targetPort = -1;
    private ServerSocket listener;
    private boolean closed;

    private TcpProxy(int port) {
        this.port = port;
    }

    /** Listens on a free loopback port; connections are refused until {@link #forwardTo} names the target. */
    public static TcpProxy start() {
        TcpProxy proxy = new TcpProxy(bindFree());
        return proxy;
    }

    private static int bindFree() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** Sets (or changes) where new connections go, and listens if not cut. */
    public synchronized TcpProxy forwardTo(String host, int targetPort) {
        this.targetHost = host;
        this.targetPort = targetPort;
        if (listener == null && !closed) {
            listen();
        }
        return this;
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:<port>} */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Stops listening and resets every open connection: the target looks down. */
    public synchronized void cut() {
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
        }
        for (Socket s : open) {
            resetQuietly(s);
        }
        open.clear();
    }

    /** Listens on the same port again: the target looks back up. */
    public synchronized void restore() {
        if (listener == null && !closed && targetPort > 0) {
            listen();
        }
    }

    public synchronized boolean isCut() {
        return listener == null;
    }

    private void listen() {
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            listener = s;
            Thread.ofVirtual().name("tcp-proxy-accept-" + port).start(() -> accept(s));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            Socket client;
            try {
                client = s.accept();
            } catch (IOException e) {
                return;                                  // cut or closed
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
            } catch (IOException e) {
                resetQuietly(client);
                closeQuietly(upstream);
                continue;
            }
            open.add(client);
            open.add(upstream);
            Thread.ofVirtual().start(() -> pipe(client, upstream));
            Thread.ofVirtual().start(() -> pipe(upstream, client));
        }
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the other side closed, or cut(): fall through and close both
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void resetQuietly(Socket s) {
        try {
            s.setSoLinger(true, 0);                       // RST instead of FIN
        } catch (IOException ignored) {
            // already closed
        }
        closeQuietly(s);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        cut();
    }
}
