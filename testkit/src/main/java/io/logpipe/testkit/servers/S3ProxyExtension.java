package io.logpipe.testkit.servers;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests the JVM-wide {@link S3ProxyServer#shared() shared} S3Proxy: started before the
 * first test class that uses it (once per JVM) and injected into any {@link S3ProxyServer} parameter of
 * constructors, lifecycle methods and tests. Tests share the server, so each should create its own bucket.
 *
 * <pre>{@code
 * @ExtendWith(S3ProxyExtension.class)
 * class MyIT {
 *     @Test
 *     void stores(S3ProxyServer s3) { s3.createBucket("my-it"); ... s3.uri() ... }
 * }
 * }</pre>
 *
 * The module using it needs {@code org.gaul:s3proxy} in test scope (it is optional in testkit).
 */
public final class S3ProxyExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        S3ProxyServer.shared();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == S3ProxyServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return S3ProxyServer.shared();
    }

    /** The shared server (started if needed). */
    public S3ProxyServer server() {
        return S3ProxyServer.shared();
    }
}
