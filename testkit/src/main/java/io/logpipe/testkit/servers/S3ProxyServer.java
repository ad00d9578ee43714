package io.logpipe.testkit.servers;

import io.logpipe.testkit.files.Directories;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * An embedded S3-compatible server for tests: S3Proxy over jclouds' {@code filesystem-nio2} backend in a temp
 * directory, on 127.0.0.1 and a port the OS picks, requiring AWS Signature V4 with a fixed test identity so
 * clients go through the SDK's real signing path. It ignores headers it does not implement (server-side
 * encryption, checksums) instead of refusing them, as S3 itself would honour them. It cannot verify uploads
 * that carry the SDK's default trailing checksum (aws-chunked with {@code x-amz-trailer}): clients should send
 * a precomputed {@code x-amz-checksum-*} header, or build with
 * {@code requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)}.
 *
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.start()) {
 *     s3.createBucket("dead-letters");
 *     S3Client client = S3Client.builder().endpointOverride(s3.uri()).forcePathStyle(true)
 *             .credentialsProvider(StaticCredentialsProvider.create(
 *                     AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
 *             .region(Region.US_EAST_1).build();
 * }
 * }</pre>
 *
 * {@link #shared()} is one server per JVM (what {@link S3ProxyExtension} injects), closed by a shutdown hook.
 */
public final class S3ProxyServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(S3ProxyServer.class.getName());
    /** Test-only identity: not a secret, and only ever accepted by this loopback server. */
    private static final String ACCESS_KEY = "logpipe-test-access-key";
    private static final String SECRET_KEY = "logpipe-test-secret-key";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private static final Object SHARED_LOCK = new Object();
    private static S3ProxyServer shared;

    private final Path baseDir;
    private final BlobStoreContext blobStore;
    private final S3Proxy proxy;
    private final URI uri;
    private volatile boolean closed;

    private S3ProxyServer(Path baseDir, BlobStoreContext blobStore, S3Proxy proxy) {
        this.baseDir = baseDir;
        this.blobStore = blobStore;
        this.proxy = proxy;
        this.uri = URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + proxy.getPort());
    }

    /** Starts a server over a fresh temp directory; {@link #close()} stops it and deletes the directory. */
    public static S3ProxyServer start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("logpipe-s3proxy-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the S3Proxy directory", e);
        }
        BlobStoreContext context = null;
        S3Proxy proxy = null;
        boolean started = false;
        try {
            context = blobStoreContext(dir);
            proxy = S3Proxy.builder()
                    .blobStore(context.getBlobStore())
                    // Port 0: Jetty binds a free port itself, so there is no pick-then-bind race.
                    .endpoint(URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":0"))
                    .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
                    .ignoreUnknownHeaders(true)
                    .build();
            proxy.start();
            awaitStarted(proxy);
            started = true;
            return new S3ProxyServer(dir, context, proxy);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("S3Proxy did not start: " + e.getMessage(), e);
        } finally {
            if (!started) {                  // also on Errors such as a missing class on the test class path
                stopQuietly(proxy);
                if (context != null) {
                    context.close();
                }
                Directories.deleteQuietly(dir, LOG);
            }
        }
    }

    /** The JVM-wide server, started on first use and closed by a shutdown hook. */
    public static S3ProxyServer shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null || shared.closed) {
                S3ProxyServer server = start();
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3proxy-shutdown"));
                shared = server;
            }
            return shared;
        }
    }

    // The same wiring as S3Proxy's own Main for jclouds.provider=filesystem-nio2: the provider is found through
    // the ProviderMetadata service file in the s3proxy jar, and stores each bucket as a directory under basedir.
    private static BlobStoreContext blobStoreContext(Path dir) {
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", dir.toString());
        return ContextBuilder.newBuilder("filesystem-nio2")
                .credentials("unused-identity", "unused-credential")
                .overrides(overrides)
                .build(BlobStoreContext.class);
    }

    private static void awaitStarted(S3Proxy proxy) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("still " + proxy.getState() + " after " + START_TIMEOUT);
            }
            Thread.sleep(5);
        }
    }

    /** The endpoint, e.g. {@code http://127.0.0.1:41234}; use path-style addressing. */
    public URI uri() {
        return uri;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    /** Creates the bucket (a no-op if it exists). */
    public void createBucket(String name) {
        blobStore.getBlobStore().createContainerInLocation(null, name);
    }

    /** Where the objects live on disk (one directory per bucket). */
    public Path baseDir() {
        return baseDir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly(proxy);
        blobStore.close();
        Directories.deleteQuietly(baseDir, LOG);
    }

    private static void stopQuietly(S3Proxy proxy) {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception ignored) {
            // best effort: the JVM is usually exiting
        }
    }

    @Override
    public String toString() {
        return "S3ProxyServer[" + uri + ", " + baseDir + "]";
    }
}
