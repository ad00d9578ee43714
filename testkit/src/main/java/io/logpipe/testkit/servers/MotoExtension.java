package io.logpipe.testkit.servers;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;

/**
 * JUnit 5 extension giving tests the JVM-wide {@link MotoServer#shared() shared} moto server, injected into any
 * {@link MotoServer} parameter of constructors, lifecycle methods and tests. When python or moto is not
 * installed, every test of the class is skipped (aborted) with the reason; once they are, any failure to start
 * fails them.
 *
 * <pre>{@code
 * @ExtendWith(MotoExtension.class)
 * class MyIT {
 *     @Test
 *     void sends(MotoServer moto) { ... moto.uri() ... }
 * }
 * }</pre>
 */
public final class MotoExtension implements BeforeAllCallback, TestInstancePreConstructCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        if (MotoServer.unavailableReason() == null) {
            MotoServer.shared();
        }
    }

    // Per test rather than in beforeAll: build tools report a class aborted there as zero tests, not as skipped ones.
    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
        String reason = MotoServer.unavailableReason();
        Assumptions.assumeTrue(reason == null, () -> "moto is not available, skipping: " + reason);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == MotoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return MotoServer.shared();
    }
}
