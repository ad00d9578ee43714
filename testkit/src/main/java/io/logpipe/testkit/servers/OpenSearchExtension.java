package io.logpipe.testkit.servers;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests the JVM-wide {@link OpenSearchServer#shared() shared} OpenSearch node: it is
 * started before the first test class that uses the extension (once per JVM) and injected into any
 * {@link OpenSearchServer} parameter of constructors, lifecycle methods and tests.
 *
 * <pre>{@code
 * @ExtendWith(OpenSearchExtension.class)
 * class MyIT {
 *     @Test
 *     void indexes(OpenSearchServer os) { ... os.httpUri() ... }
 * }
 * }</pre>
 *
 * Or {@code @RegisterExtension static final OpenSearchExtension OPENSEARCH = new OpenSearchExtension();} and
 * {@link #server()}. The node is stopped by a JVM shutdown hook, never after a class, so later classes reuse it.
 */
public final class OpenSearchExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        OpenSearchServer.shared();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == OpenSearchServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return OpenSearchServer.shared();
    }

    /** The shared node (started if needed). */
    public OpenSearchServer server() {
        return OpenSearchServer.shared();
    }
}
