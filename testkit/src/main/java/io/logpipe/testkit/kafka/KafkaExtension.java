package io.logpipe.testkit.kafka;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests the JVM-wide {@link KafkaBroker#shared() shared} in-process Kafka broker: it is
 * started before the first test class that uses the extension (once per JVM) and injected into any
 * {@link KafkaBroker} parameter of constructors, lifecycle methods and tests. Classes share the broker, so each
 * test should use topics (and consumer groups) of its own.
 *
 * <pre>{@code
 * @ExtendWith(KafkaExtension.class)
 * class MyIT {
 *     @Test
 *     void consumes(KafkaBroker kafka) { kafka.createTopic("my-it-logs", 3); ... kafka.bootstrapServers() ... }
 * }
 * }</pre>
 *
 * Or {@code @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();} and {@link #broker()}.
 * The broker is stopped by a JVM shutdown hook, never after a class. The module using it needs
 * {@code org.apache.kafka:kafka_2.13} in test scope (it is optional in testkit).
 */
public final class KafkaExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        KafkaBroker.shared();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return KafkaBroker.shared();
    }

    /** The shared broker (started if needed). */
    public KafkaBroker broker() {
        return KafkaBroker.shared();
    }
}
