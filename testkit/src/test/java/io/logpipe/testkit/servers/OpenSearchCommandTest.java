package io.logpipe.testkit.servers;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class OpenSearchCommandTest {

    @Test
    void nonRootRunsTheScriptDirectly() {
        OpenSearchNodeConfig c = TestConfigs.config();
        List<String> cmd = OpenSearchCommand.build(c, Optional.empty());
        assertThat(cmd.getFirst()).isEqualTo("/opt/os/opensearch-3.8.0/bin/opensearch");
        assertThat(cmd.subList(1, cmd.size())).isEqualTo(c.arguments());
        assertThat(cmd).noneMatch(a -> a.equals("runuser"));
    }

    @Test
    void rootSwitchesUserWithRunuserAndPassesTheEnvironmentExplicitly() {
        OpenSearchNodeConfig c = TestConfigs.config();
        List<String> cmd = OpenSearchCommand.build(c, Optional.of("logpipe-os"));
        assertThat(cmd).startsWith("runuser", "-u", "logpipe-os", "--", "/usr/bin/env",
                "OPENSEARCH_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64",
                "OPENSEARCH_JAVA_OPTS=-Xms512m -Xmx512m",
                "OPENSEARCH_PATH_CONF=/var/tmp/nodes/node-1/config",
                "OPENSEARCH_TMPDIR=/var/tmp/nodes/node-1/tmp",
                "/opt/os/opensearch-3.8.0/bin/opensearch");
        assertThat(cmd).endsWith(c.arguments().toArray(String[]::new));
    }

    @Test
    void rootDecisionDrivesTheCommand() {
        OpenSearchNodeConfig c = TestConfigs.config();
        boolean root = SystemUser.isRoot(OptionalLong.of(0), "whoever");
        assertThat(OpenSearchCommand.build(c, SystemUser.switchTo(root, SystemUser.DEFAULT_NAME)))
                .startsWith("runuser", "-u", "logpipe-os", "--");
        boolean dev = SystemUser.isRoot(OptionalLong.of(1000), "dev");
        assertThat(OpenSearchCommand.build(c, SystemUser.switchTo(dev, SystemUser.DEFAULT_NAME)).getFirst())
                .isEqualTo("/opt/os/opensearch-3.8.0/bin/opensearch");
    }
}
