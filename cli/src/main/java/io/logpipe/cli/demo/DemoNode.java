package io.logpipe.cli.demo;

import io.logpipe.testkit.servers.OpenSearchServer;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The demo's OpenSearch: a real 3.8.0 node from Maven Central, unpacked once into a cache directory and
 * started for the run (as a system user when run as root, since OpenSearch refuses root).
 */
public final class DemoNode {
    private DemoNode() {
    }

    public static OpenSearchServer start(PrintWriter out) {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "logpipe");
        out.printf("starting OpenSearch 3.8.0 (first start unpacks it under %s; up to a minute on a busy machine)...%n", cache);
        out.flush();
        OpenSearchServer server = OpenSearchServer.start(OpenSearchServer.Options.defaults().withBaseDir(cache));
        out.printf("OpenSearch %s is green at %s after %.1f s%n", server.version(), server.httpUri(),
                server.lastStartDuration().toMillis() / 1000.0);
        return server;
    }
}
