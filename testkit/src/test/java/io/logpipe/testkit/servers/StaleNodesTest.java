package io.logpipe.testkit.servers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StaleNodesTest {

    @TempDir
    Path nodes;

    @Test
    void removesDirectoriesOfDeadLaunchersOnly() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        assertThat(finished.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Process bystander = new ProcessBuilder("sleep", "60").start();
        try {
            Path dead = node("dead", finished.pid());
            // a pid file naming a process that is not OpenSearch must not get that process killed
            Files.writeString(dead.resolve("opensearch.pid"), Long.toString(bystander.pid()));
            Path alive = node("alive", ProcessHandle.current().pid());
            Path foreign = Files.createDirectories(nodes.resolve("foreign"));

            assertThat(StaleNodes.reap(nodes)).containsExactly(dead);
            assertThat(dead).doesNotExist();
            assertThat(alive).isDirectory();
            assertThat(foreign).isDirectory();
            assertThat(bystander.isAlive()).isTrue();
        } finally {
            bystander.destroyForcibly();
        }
    }

    @Test
    void missingRootIsFine() {
        assertThat(StaleNodes.reap(nodes.resolve("none"))).isEmpty();
    }

    private Path node(String name, long launcherPid) throws Exception {
        Path dir = Files.createDirectories(nodes.resolve(name).resolve("data"));
        Files.writeString(nodes.resolve(name).resolve(NodeDirectory.LAUNCHER_PID_FILE), launcherPid + "\n");
        return nodes.resolve(name);
    }
}
