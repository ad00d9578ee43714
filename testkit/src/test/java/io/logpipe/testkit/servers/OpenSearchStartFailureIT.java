package io.logpipe.testkit.servers;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A node that cannot start fails fast with its logs in the exception, and leaves no process behind. */
class OpenSearchStartFailureIT {

    @Test
    void unknownSettingFailsWithTheNodesLog() {
        assertThatThrownBy(() -> OpenSearchServer.start(OpenSearchServer.Options.defaults()
                .withClusterName("logpipe-broken")
                .withSetting("logpipe.no_such.setting", "x")
                .withStartTimeout(Duration.ofSeconds(120))))
                .isInstanceOf(OpenSearchStartException.class)
                .hasMessageContaining("exited")
                .hasMessageContaining("unknown setting [logpipe.no_such.setting]")
                .hasMessageContaining("stdout+stderr");
        assertThat(ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine()
                .map(c -> c.contains(StaleNodes.OPENSEARCH_MAIN) && c.contains("logpipe-broken"))
                .orElse(false))).isFalse();
    }
}
