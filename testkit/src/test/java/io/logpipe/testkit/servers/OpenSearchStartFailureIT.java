package io.logpipe.testkit.servers;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A node that cannot start fails fast (no waiting for the timeout) with its console output in the exception, and
 * leaves no process behind. A malformed heap size makes the launcher scripts' JVM fail within seconds.
 */
class OpenSearchStartFailureIT {

    @Test
    void brokenJvmOptionsFailFastWithTheNodesOutput() {
        System.err.println("OpenSearchStartFailureIT: the start failure and log tail printed below are expected");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> OpenSearchServer.start(OpenSearchServer.Options.defaults()
                .withClusterName("logpipe-broken")
                .withHeap("12parsecs")
                .withStartTimeout(Duration.ofSeconds(120))))
                .isInstanceOf(OpenSearchStartException.class)
                .hasMessageContaining("exited before the cluster became green")
                .hasMessageContaining("stdout+stderr")
                .hasMessageContaining("12parsecs");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(100));
        assertThat(ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine()
                .map(c -> c.contains("logpipe-broken")).orElse(false))).isFalse();
    }
}
