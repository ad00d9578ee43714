package io.logpipe.testkit.servers;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class OpenSearchNodeConfigTest {

    @Test
    void settingsForAQuietSingleLoopbackNode() {
        Map<String, String> s = TestConfigs.config().settings();
        assertThat(s).contains(
                entry("cluster.name", "logpipe-test"),
                entry("node.name", "node-1"),
                entry("discovery.type", "single-node"),
                entry("network.host", "127.0.0.1"),
                entry("http.port", "19200"),
                entry("transport.port", "19300"),
                entry("path.data", "/var/tmp/nodes/node-1/data"),
                entry("path.logs", "/var/tmp/nodes/node-1/logs"),
                entry("cluster.routing.allocation.disk.threshold_enabled", "false"),
                entry("cluster.default_number_of_replicas", "0"));
        assertThat(s.keySet()).noneMatch(k -> k.startsWith("plugins.security"));
    }

    @Test
    void argumentsAreOneDashEPerSettingThenThePidFile() {
        OpenSearchNodeConfig c = TestConfigs.config();
        List<String> args = c.arguments();
        assertThat(args).startsWith("-Ecluster.name=logpipe-test", "-Enode.name=node-1")
                .contains("-Ehttp.port=19200", "-Etransport.port=19300", "-Ediscovery.type=single-node")
                .endsWith("-p", "/var/tmp/nodes/node-1/opensearch.pid");
        assertThat(args.subList(0, args.size() - 2)).allMatch(a -> a.startsWith("-E") && a.contains("="))
                .hasSize(c.settings().size());
    }

    @Test
    void extraSettingsOverrideDefaultsAndKeepOrder() {
        OpenSearchNodeConfig c = TestConfigs.config(Map.of("cluster.default_number_of_replicas", "1"));
        assertThat(c.settings()).containsEntry("cluster.default_number_of_replicas", "1");
        assertThat(c.arguments()).contains("-Ecluster.default_number_of_replicas=1")
                .doesNotContain("-Ecluster.default_number_of_replicas=0");
    }

    @Test
    void environmentSelectsJdkHeapConfigAndTmp() {
        OpenSearchNodeConfig c = new OpenSearchNodeConfig(TestConfigs.HOME, TestConfigs.NODE, TestConfigs.JAVA,
                "c", "n", 1, 2, "512m", List.of("-XX:+ExitOnOutOfMemoryError"), Map.of());
        assertThat(c.environment()).containsExactly(
                entry("OPENSEARCH_JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"),
                entry("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m -XX:+ExitOnOutOfMemoryError"),
                entry("OPENSEARCH_PATH_CONF", "/var/tmp/nodes/node-1/config"),
                entry("OPENSEARCH_TMPDIR", "/var/tmp/nodes/node-1/tmp"));
    }

    @Test
    void derivedPaths() {
        OpenSearchNodeConfig c = TestConfigs.config();
        assertThat(c.serverLog()).isEqualTo(Path.of("/var/tmp/nodes/node-1/logs/logpipe-test.log"));
        assertThat(c.consoleLog()).isEqualTo(Path.of("/var/tmp/nodes/node-1/console.log"));
        assertThat(c.httpUri()).hasToString("http://127.0.0.1:19200");
        assertThat(c.withPorts(1, 2).httpUri()).hasToString("http://127.0.0.1:1");
        assertThat(c.withPorts(1, 2).nodeDir()).isEqualTo(c.nodeDir());
    }

    @Test
    void rejectsBadValues() {
        assertThatThrownBy(() -> new OpenSearchNodeConfig(TestConfigs.HOME, TestConfigs.NODE, TestConfigs.JAVA,
                "c", "n", 9200, 9200, "512m", List.of(), Map.of())).hasMessageContaining("differ");
        assertThatThrownBy(() -> new OpenSearchNodeConfig(TestConfigs.HOME, TestConfigs.NODE, TestConfigs.JAVA,
                "c", "n", 0, 9300, "512m", List.of(), Map.of())).hasMessageContaining("httpPort");
        assertThatThrownBy(() -> new OpenSearchNodeConfig(TestConfigs.HOME, TestConfigs.NODE, TestConfigs.JAVA,
                "c", "n", 9200, 9300, "512 m", List.of(), Map.of())).hasMessageContaining("heap");
        assertThatThrownBy(() -> new OpenSearchNodeConfig(TestConfigs.HOME, TestConfigs.NODE, TestConfigs.JAVA,
                "my cluster", "n", 9200, 9300, "512m", List.of(), Map.of())).hasMessageContaining("clusterName");
    }
}
