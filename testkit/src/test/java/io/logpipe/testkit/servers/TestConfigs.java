package io.logpipe.testkit.servers;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Node configs for unit tests; nothing here touches the disk. */
final class TestConfigs {

    static final Path HOME = Path.of("/opt/os/opensearch-3.8.0");
    static final Path NODE = Path.of("/var/tmp/nodes/node-1");
    static final Path JAVA = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    private TestConfigs() {
    }

    static OpenSearchNodeConfig config() {
        return config(Map.of());
    }

    static OpenSearchNodeConfig config(Map<String, String> extra) {
        return new OpenSearchNodeConfig(HOME, NODE, JAVA, "logpipe-test", "node-1", 19200, 19300, "512m", List.of(),
                extra);
    }
}
