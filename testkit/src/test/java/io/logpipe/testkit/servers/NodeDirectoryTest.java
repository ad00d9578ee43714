package io.logpipe.testkit.servers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class NodeDirectoryTest {

    private static final String JVM_OPTIONS = """
            ## heap
            -Xms1g
            -Xmx1g
            11-:-XX:+UseG1GC
            -XX:HeapDumpPath=data
            -XX:ErrorFile=logs/hs_err_pid%p.log
            8:-Xloggc:logs/gc.log
            9-:-Xlog:gc*,gc+age=trace,safepoint:file=logs/gc.log:utctime,pid,tags:filecount=32,filesize=64m
            21-:-javaagent:agent/opensearch-agent.jar
            """;

    @TempDir
    Path tmp;

    @Test
    void rewritesHeapAndPathsIntoTheNodeDirectory() {
        String out = NodeDirectory.rewriteJvmOptions(JVM_OPTIONS, TestConfigs.config());
        assertThat(out.lines()).containsExactly(
                "## heap",
                "-Xms512m",
                "-Xmx512m",
                "11-:-XX:+UseG1GC",
                "-XX:HeapDumpPath=/var/tmp/nodes/node-1",
                "-XX:ErrorFile=/var/tmp/nodes/node-1/logs/hs_err_pid%p.log",
                "8:-Xloggc:/var/tmp/nodes/node-1/logs/gc.log",
                "9-:-Xlog:gc*,gc+age=trace,safepoint:file=/var/tmp/nodes/node-1/logs/gc.log:utctime,pid,tags:"
                        + "filecount=32,filesize=64m",
                "21-:-javaagent:agent/opensearch-agent.jar");
    }

    @Test
    void preparesThePerNodeLayoutAndKeepsTheKeystoreOnRestart() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("config/jvm.options.d"));
        Files.writeString(home.resolve("config/jvm.options"), JVM_OPTIONS);
        Files.writeString(home.resolve("config/opensearch.yml"), "# defaults\n");
        OpenSearchNodeConfig c = new OpenSearchNodeConfig(home, tmp.resolve("nodes/n1"), TestConfigs.JAVA, "t",
                "n1", 19200, 19300, "256m", List.of(), Map.of());

        NodeDirectory.prepare(c, Optional.empty());
        for (Path d : List.of(c.configDir(), c.dataDir(), c.logsDir(), c.tmpDir(), c.configDir().resolve(
                "jvm.options.d"))) {
            assertThat(d).isDirectory();
        }
        assertThat(c.configDir().resolve("opensearch.yml")).hasContent("# defaults");
        assertThat(Files.readString(c.configDir().resolve("jvm.options"))).contains("-Xmx256m")
                .contains("file=" + c.logsDir() + "/gc.log");
        assertThat(c.nodeDir().resolve(NodeDirectory.LAUNCHER_PID_FILE))
                .hasContent(Long.toString(ProcessHandle.current().pid()));

        Files.writeString(c.configDir().resolve("opensearch.keystore"), "secret");
        Files.writeString(c.dataDir().resolve("segment"), "data");
        Files.writeString(c.pidFile(), "12345");
        NodeDirectory.prepare(c, Optional.empty());
        assertThat(c.configDir().resolve("opensearch.keystore")).hasContent("secret");
        assertThat(c.dataDir().resolve("segment")).hasContent("data");
        assertThat(c.pidFile()).as("a stale pid file is removed").doesNotExist();
    }
}
