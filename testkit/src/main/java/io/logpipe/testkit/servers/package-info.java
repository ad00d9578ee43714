/**
 * Launchers for the real servers used by integration tests and the CLI.
 *
 * <h2>OpenSearch</h2>
 * {@link io.logpipe.testkit.servers.OpenSearchServer} runs a real single-node OpenSearch from the
 * {@code org.opensearch.distribution.integ-test-zip:opensearch} zip (version pinned as {@code opensearch.version}
 * in the parent pom; testkit's build copies it to {@code target/opensearch-dist/} and so also puts it in the local
 * Maven repository, where the CLI finds it).
 *
 * <pre>{@code
 * // JUnit 5: one node per test JVM, injected into parameters
 * @ExtendWith(OpenSearchExtension.class)
 * class BulkIndexIT {
 *     @Test void indexes(OpenSearchServer os) { URI uri = os.httpUri(); ... }
 * }
 *
 * // a dedicated node (CLI demo, stop/restart tests)
 * try (OpenSearchServer os = OpenSearchServer.start(OpenSearchServer.Options.defaults().withBaseDir(cacheDir))) {
 *     os.stop(); os.restart(); // same data directory and ports
 * }
 * }</pre>
 *
 * <p>Layout under the base directory ({@code -Dlogpipe.opensearch.base-dir}, default {@code ./target}):
 * {@code opensearch-<version>/} (unpacked once, shared, read-only) and {@code opensearch-nodes/<node>/} (one per
 * node: config, data, logs, tmp, console.log). Node directories left by a JVM that was killed are reaped, with
 * their OpenSearch process, by the next launch.
 *
 * <p>Running as root: OpenSearch refuses root, so the node runs as system user {@code logpipe-os} via
 * {@code runuser}; see {@link io.logpipe.testkit.servers.SystemUser}. If that user cannot traverse the base
 * directory (anything under {@code /root}, mode 700), {@code /tmp/logpipe-opensearch-<uid>} is used instead.
 *
 * <h2>S3 and other AWS APIs</h2>
 * {@link io.logpipe.testkit.servers.S3ProxyServer} is an embedded S3 (S3Proxy, in-process). For services S3Proxy
 * does not cover, {@link io.logpipe.testkit.servers.MotoServer} runs Python's moto server on a free loopback port
 * ({@code python3 -m moto.server}; tests using {@link io.logpipe.testkit.servers.MotoExtension} are skipped with
 * the reason when python or moto is missing).
 */
package io.logpipe.testkit.servers;
