package io.logpipe.testkit.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A local AWS API for tests: Python's moto in server mode ({@code python3 -m moto.server}), on 127.0.0.1 and a
 * free port, serving every mocked service (S3, Firehose, ...) on one endpoint. State lives in the process; tests
 * sharing it should use their own resource names. moto accepts any credentials ({@link #accessKey()}) and region.
 *
 * <pre>{@code
 * try (MotoServer moto = MotoServer.start()) {
 *     FirehoseClient firehose = FirehoseClient.builder().endpointOverride(moto.uri()).region(Region.US_EAST_1)
 *             .credentialsProvider(StaticCredentialsProvider.create(
 *                     AwsBasicCredentials.create(moto.accessKey(), moto.secretKey())))
 *             .build();
 * }
 * }</pre>
 *
 * The interpreter is {@code python3}, or the system property {@code logpipe.moto.python}; moto 5 with its server
 * extras (Flask) must be installed there. {@link #unavailableReason()} tells whether it is, so tests can be
 * skipped where it is not ({@link MotoExtension} does). {@link #shared()} is one server per JVM, stopped by a
 * shutdown hook.
 */
public final class MotoServer implements AutoCloseable {
    /** moto checks no signatures by default: any identity works; this one is obviously fake. */
    private static final String ACCESS_KEY = "testing";
    private static final String SECRET_KEY = "testing";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_TRIES = 3;

    private static final Object LOCK = new Object();
    private static MotoServer shared;
    private static String unavailable;
    private static boolean probed;

    private final Process process;
    private final URI uri;
    private final Path log;
    private final HttpClient http;
    private volatile boolean closed;

    private MotoServer(Process process, URI uri, Path log, HttpClient http) {
        this.process = process;
        this.uri = uri;
        this.log = log;
        this.http = http;
    }

    /** Null when python and moto are there; otherwise why not, for a skip message. Probed once per JVM. */
    public static String unavailableReason() {
        synchronized (LOCK) {
            if (!probed) {
                unavailable = probe(python());
                probed = true;
            }
            return unavailable;
        }
    }

    /** Starts a server on a free port and waits until it answers; {@link #close()} stops it. */
    public static MotoServer start() {
        String reason = unavailableReason();
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
        IllegalStateException last = null;
        for (int i = 0; i < START_TRIES; i++) {    // another process may take the picked port before moto binds it
            try {
                return startOn(FreePorts.pick());
            } catch (PortTakenException e) {
                last = e;
            }
        }
        throw last;
    }

    /** The JVM-wide server, started on first use and stopped by a shutdown hook. */
    public static MotoServer shared() {
        synchronized (LOCK) {
            if (shared == null || shared.closed) {
                MotoServer server = start();
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "moto-shutdown"));
                shared = server;
            }
            return shared;
        }
    }

    private static String python() {
        return System.getProperty("logpipe.moto.python", "python3");
    }

    private static String probe(String python) {
        ProcessBuilder pb = new ProcessBuilder(python, "-c", "import moto, moto.server, flask; print(moto.__version__)")
                .redirectErrorStream(true);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(PROBE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return python + " did not answer within " + PROBE_TIMEOUT.toSeconds() + " s";
            }
            if (p.exitValue() != 0) {
                return "moto server is not installed for " + python + " (pip install 'moto[server]'): "
                        + lastLine(new String(out, StandardCharsets.UTF_8));
            }
            return null;
        } catch (IOException e) {
            return python + " is not available: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while looking for moto";
        }
    }

    private static MotoServer startOn(int port) {
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        Path log;
        try {
            log = Files.createTempFile("logpipe-moto-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the moto log file", e);
        }
        Process process;
        try {
            process = new ProcessBuilder(python(), "-m", "moto.server", "-H", host, "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto: " + e.getMessage(), e);
        }
        URI uri = URI.create("http://" + host + ":" + port);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        MotoServer server = new MotoServer(process, uri, log, http);
        boolean started = false;
        try {
            server.awaitReady();
            started = true;
            return server;
        } finally {
            if (!started) {
                server.close();
            }
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(uri.resolve("/moto-api/")).timeout(Duration.ofSeconds(2)).GET().build();
        while (true) {
            if (!process.isAlive()) {
                String output = logText();
                if (output.contains("Address already in use")) {
                    throw new PortTakenException(uri + " was taken");
                }
                throw new IllegalStateException("moto exited with " + process.exitValue() + " before answering at "
                        + uri + ":\n" + tail(output));
            }
            try {
                HttpResponse<Void> r = http.send(probe, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("moto did not answer at " + uri + " within " + START_TIMEOUT.toSeconds()
                        + " s:\n" + tail(logText()));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto", e);
            }
        }
    }

    /** The endpoint for every service, e.g. {@code http://127.0.0.1:41234}; S3 needs path-style addressing. */
    public URI uri() {
        return uri;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    /** The region to sign for; moto keeps state per region, so clients of one test should agree on it. */
    public String region() {
        return "us-east-1";
    }

    /** Forgets every resource of every service ({@code POST /moto-api/reset}). */
    public void reset() {
        HttpRequest request = HttpRequest.newBuilder(uri.resolve("/moto-api/reset"))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("moto reset answered " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset moto", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting moto", e);
        }
    }

    /** What the server printed so far (requests, tracebacks). */
    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // python3 may be a launcher (pyenv shim) with the interpreter as its child: stop the whole tree.
        List<ProcessHandle> tree = process.toHandle().descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static String tail(String text) {
        return text.length() <= 2_000 ? text : "..." + text.substring(text.length() - 2_000);
    }

    @Override
    public String toString() {
        return "MotoServer[" + uri + "]";
    }

    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(String message) {
            super(message);
        }
    }
}
