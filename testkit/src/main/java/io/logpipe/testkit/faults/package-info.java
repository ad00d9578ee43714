/**
 * A fault-injecting HTTP proxy for integration tests of the OpenSearch sink.
 *
 * <p>{@link io.logpipe.testkit.faults.FaultProxy} listens on {@code 127.0.0.1:<free port>} and forwards every
 * request (method, path and query, end-to-end header fields, body) to one target node over HTTP/1.1, relaying the
 * node's status, header fields and body. Faults armed with {@code inject(Fault)} are consumed first-in first-out,
 * one per matching request; by default they match only {@code /_bulk} and {@code /<index>/_bulk}, so bootstrap,
 * health and search calls keep working.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(OpenSearchServer.shared().httpUri())) {
 *     proxy.inject(Fault.tooManyRequests(2))
 *          .inject(Fault.partialBulkFailure(1, 10, 503));
 *     sink = newSink(proxy.uri());
 *     ...
 *     assertThat(proxy.stats().faults(Fault.Kind.TOO_MANY_REQUESTS)).isEqualTo(2);
 *     assertThat(proxy.pending()).isEmpty();
 * }
 * }</pre>
 *
 * <h2>What each fault does on the wire</h2>
 * <ul>
 *   <li>{@code tooManyRequests}: {@code 429 Too Many Requests}, {@code Retry-After: <s>}, an OpenSearch error body
 *       of type {@code rejected_execution_exception}; the node never sees the request.</li>
 *   <li>{@code serverError}: the given 5xx with an OpenSearch error body; not forwarded.</li>
 *   <li>{@code partialBulkFailure}: items N, 2N.. of the bulk body are withheld; the rest are forwarded (gzip-encoded
 *       again if the client sent gzip); the answer is {@code 200} with the node's items and
 *       {@code {"<op>":{"_index","_id","status","error":{"type","reason"}}}} items for the withheld ones, in
 *       request order, and {@code "errors":true}. The client's {@code filter_path} is not forwarded but applied to
 *       the merged answer. If the node rejects the forwarded part as a whole, its answer is relayed instead.</li>
 *   <li>{@code resetBeforeForward}: the request is read completely, then the socket is closed with SO_LINGER 0, so
 *       the client gets a TCP RST ({@code SocketException: Connection reset}); not forwarded.</li>
 *   <li>{@code resetAfterForward}: forwarded and answered by the node (it has indexed), then the client gets a RST
 *       instead of the answer; a retry of {@code create} actions sees 409s.</li>
 *   <li>{@code delay}: forwarded at once; the node's answer is held back for the duration (a client with a shorter
 *       timeout gives up while the node has already done the work).</li>
 * </ul>
 *
 * <h2>HTTP handling</h2>
 * A small HTTP/1.1 server on {@link java.net.ServerSocket} (the JDK server cannot send a RST): keep-alive,
 * {@code Content-Length} and chunked request bodies, {@code Expect: 100-continue}; HTTP/1.0 clients get one request
 * per connection. Requests are forwarded with {@link java.net.http.HttpClient}, always with a
 * {@code Content-Length} (a chunked request is forwarded de-chunked). Bodies with {@code Content-Encoding: gzip} are
 * forwarded byte for byte unless a partial failure rewrites them. Everything is bounded (see
 * {@link io.logpipe.testkit.faults.FaultProxy.Options}); oversized or malformed requests get 413, 431 or 400 and
 * the connection is closed. Unreachable targets give 502 (counted in {@code upstreamErrors}).
 */
package io.logpipe.testkit.faults;
