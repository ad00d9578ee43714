package io.logpipe.testkit.servers;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure parts of the launcher; starting real nodes is covered by the *IT classes. */
class OpenSearchServerTest {

    @Test
    void defaultOptions() {
        OpenSearchServer.Options o = OpenSearchServer.Options.defaults();
        assertThat(o.heap()).isEqualTo("512m");
        assertThat(o.startTimeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(o.waitForStatus()).isEqualTo("green");
        assertThat(o.httpPort()).isZero();
        assertThat(o.transportPort()).isZero();
        assertThat(o.runAsUser()).isEqualTo("logpipe-os");
        assertThat(o.nodeDir()).isNull();
    }

    @Test
    void withersChangeOneThing() {
        OpenSearchServer.Options o = OpenSearchServer.Options.defaults()
                .withBaseDir(Path.of("/cache"))
                .withPorts(9200, 9300)
                .withSetting("a.b", "1")
                .withSetting("c.d", "2")
                .withWaitForStatus("yellow");
        assertThat(o.baseDir()).isEqualTo(Path.of("/cache"));
        assertThat(o.httpPort()).isEqualTo(9200);
        assertThat(o.transportPort()).isEqualTo(9300);
        assertThat(o.settings()).containsExactly(org.assertj.core.api.Assertions.entry("a.b", "1"),
                org.assertj.core.api.Assertions.entry("c.d", "2"));
        assertThat(o.waitForStatus()).isEqualTo("yellow");
        assertThat(o.heap()).isEqualTo("512m");
    }

    @Test
    void rejectsUnknownHealthStatus() {
        assertThatThrownBy(() -> OpenSearchServer.Options.defaults().withWaitForStatus("red"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recognisesPortConflictsInTheLogs() {
        assertThat(OpenSearchServer.isBindConflict("BindTransportException[Failed to bind to 127.0.0.1:9300]"))
                .isTrue();
        assertThat(OpenSearchServer.isBindConflict("java.net.BindException: Address already in use")).isTrue();
        assertThat(OpenSearchServer.isBindConflict("OutOfMemoryError")).isFalse();
    }
}
