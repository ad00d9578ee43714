package io.logpipe.cdk;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files the app reads from the repository: the Lambda jar, the athena-queries SQL. The root is the folder holding
 * cdk.json, found upwards from the working directory (`npx cdk` runs at the root, Maven tests in cdk/), or given
 * with {@code -Dlogpipe.repoRoot}.
 */
public final class RepoPaths {

    /** Built by lambda-processor's shade plugin (see its pom). */
    public static final String PROCESSOR_JAR = "lambda-processor/target/logpipe-processor-lambda.jar";
    /** Built by topic-provisioner's shade plugin. */
    public static final String TOPIC_PROVISIONER_JAR = "topic-provisioner/target/logpipe-topic-provisioner-lambda.jar";

    private RepoPaths() {
    }

    public static Path root() {
        String configured = System.getProperty("logpipe.repoRoot");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("cdk.json")) && Files.isDirectory(p.resolve("lambda-processor"))) {
                return p;
            }
        }
        throw new IllegalStateException("no cdk.json found above " + dir + "; run from the repository or set -Dlogpipe.repoRoot");
    }

    /** A Lambda deployment jar (one of the constants above); fails with the build command when it is missing. */
    public static Path lambdaJar(String relative) {
        Path jar = root().resolve(relative);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -pl cdk -am package -DskipTests");
        }
        return jar;
    }
}
