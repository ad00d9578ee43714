package io.logpipe.testkit.faults;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.logpipe.testkit.faults.TestBodies.bulk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pass-through fidelity and the whole-request faults, against {@link FakeUpstream}. */
class FaultProxyTest {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY).build();
    private FakeUpstream upstream;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws IOException {
        upstream = FakeUpstream.start();
        proxy = FaultProxy.start(upstream.uri());
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
        client.close();
    }

    private HttpResponse<String> postBulk(byte[] body, String... headers) throws Exception {
        return send(HttpRequest.newBuilder(proxy.uri().resolve("/_bulk"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/x-ndjson"), headers);
    }

    private HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        return send(HttpRequest.newBuilder(proxy.uri().resolve(pathAndQuery)).GET(), headers);
    }

    private HttpResponse<String> send(HttpRequest.Builder b, String... headers) throws Exception {
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void should_forward_method_path_query_headers_and_body_when_no_fault_is_armed() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(
                        proxy.uri().resolve("/app-logs/_doc/1?refresh=true&routing=a%2Cb"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"message\":\"héllo\"}")), "Content-Type",
                "application/json", "X-Opaque-Id", "trace-1", "X-Fake-Status", "201");

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("x-fake")).hasValue("upstream");
        assertThat(r.body()).isEqualTo("{\"echo\":\"PUT /app-logs/_doc/1\"}");
        FakeUpstream.Recorded seen = upstream.last();
        assertThat(seen.method()).isEqualTo("PUT");
        assertThat(seen.path()).isEqualTo("/app-logs/_doc/1");
        assertThat(seen.query()).isEqualTo("refresh=true&routing=a%2Cb");
        assertThat(seen.header("X-opaque-id")).isEqualTo("trace-1");
        assertThat(seen.header("Content-type")).isEqualTo("application/json");
        assertThat(seen.bodyText()).isEqualTo("{\"message\":\"héllo\"}");
    }

    @Test
    void should_relay_upstream_error_status_and_head_responses_when_no_fault_is_armed() throws Exception {
        assertThat(get("/missing/_doc/1", "X-Fake-Status", "404").statusCode()).isEqualTo(404);
        HttpResponse<String> head = send(HttpRequest.newBuilder(proxy.uri().resolve("/app-logs"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(get("/").statusCode()).isEqualTo(200); // the connection is still usable after HEAD
    }

    @Test
    void should_forward_gzip_body_byte_for_byte_when_no_fault_is_armed() throws Exception {
        byte[] gz = TestBodies.gzip(bulk("a", "b", "c"));

        assertThat(postBulk(gz, "Content-Encoding", "gzip").statusCode()).isEqualTo(200);

        assertThat(upstream.last().rawBody()).isEqualTo(gz);
        assertThat(upstream.last().header("Content-encoding")).isEqualTo("gzip");
        assertThat(upstream.last().bulkIds()).containsExactly("a", "b", "c");
        assertThat(proxy.stats().bulkItemsForwarded()).isEqualTo(3);
    }

    @Test
    void should_forward_a_chunked_body_with_content_length_when_the_client_streams_it() throws Exception {
        byte[] body = bulk(TestBodies.ids(200));
        HttpResponse<String> r = send(HttpRequest.newBuilder(proxy.uri().resolve("/_bulk"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(upstream.last().body()).isEqualTo(body);
        assertThat(upstream.last().header("Content-length")).isEqualTo(String.valueOf(body.length));
        assertThat(upstream.last().headers()).doesNotContainKey("Transfer-encoding");
    }

    @Test
    void should_answer_429_with_retry_after_without_forwarding_when_too_many_requests_is_armed() throws Exception {
        proxy.inject(Fault.tooManyRequests(2, Duration.ofMillis(2500)));

        HttpResponse<String> first = postBulk(bulk("a"));
        HttpResponse<String> second = postBulk(bulk("a"));
        HttpResponse<String> third = postBulk(bulk("a"));

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("retry-after")).hasValue("3");
        assertThat(first.body()).contains("\"type\":\"rejected_execution_exception\"").contains("\"status\":429");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(upstream.requests()).hasSize(1);
        assertThat(proxy.stats().faults(Fault.Kind.TOO_MANY_REQUESTS)).isEqualTo(2);
        assertThat(proxy.pending()).isEmpty();
    }

    @Test
    void should_answer_the_status_without_forwarding_when_server_error_is_armed() throws Exception {
        proxy.inject(Fault.serverError(1, 503));

        HttpResponse<String> r = postBulk(bulk("a"));

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json; charset=UTF-8");
        assertThat(r.body()).contains("\"reason\":\"injected by FaultProxy\"");
        assertThat(upstream.requests()).isEmpty();
        assertThat(postBulk(bulk("a")).statusCode()).isEqualTo(200);
    }

    @Test
    void should_pass_non_bulk_requests_through_when_faults_keep_the_default_bulk_scope() throws Exception {
        proxy.inject(Fault.serverError(1, 500));

        assertThat(get("/_cluster/health").statusCode()).isEqualTo(200);
        assertThat(get("/app-logs/_search?q=*").statusCode()).isEqualTo(200);
        assertThat(proxy.pending()).hasSize(1);
        assertThat(send(HttpRequest.newBuilder(proxy.uri().resolve("/app-logs/_bulk?refresh=wait_for"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bulk("a")))).statusCode()).isEqualTo(500);
        assertThat(proxy.pending()).isEmpty();
    }

    @Test
    void should_fault_other_paths_when_scoped_to_their_prefix() throws Exception {
        proxy.inject(Fault.serverError(1, 502).onPathsStartingWith("/_cluster"));

        assertThat(postBulk(bulk("a")).statusCode()).isEqualTo(200);
        assertThat(get("/_cluster/health").statusCode()).isEqualTo(502);
        assertThat(get("/_cluster/health").statusCode()).isEqualTo(200);
    }

    @Test
    void should_apply_faults_in_injection_order_when_several_are_armed() throws Exception {
        proxy.inject(Fault.tooManyRequests(1)).inject(Fault.serverError(1, 504));

        assertThat(postBulk(bulk("a")).statusCode()).isEqualTo(429);
        assertThat(postBulk(bulk("a")).statusCode()).isEqualTo(504);
        assertThat(postBulk(bulk("a")).statusCode()).isEqualTo(200);
    }

    @Test
    void should_reset_the_client_after_upstream_answered_when_reset_after_forward_is_armed() throws Exception {
        proxy.inject(Fault.resetAfterForward(1));

        assertThatThrownBy(() -> postBulk(bulk("a", "b"))).isInstanceOf(IOException.class);

        assertThat(upstream.requests()).hasSize(1);
        assertThat(upstream.last().bulkIds()).containsExactly("a", "b");
        assertThat(proxy.stats().bulkItemsForwarded()).isEqualTo(2);
        assertThat(postBulk(bulk("a", "b")).statusCode()).isEqualTo(200); // a retry gets through
    }

    @Test
    void should_send_a_tcp_reset_without_forwarding_when_reset_before_forward_is_armed() throws Exception {
        proxy.inject(Fault.resetBeforeForward(1));
        String body = new String(bulk("a"), StandardCharsets.UTF_8);

        try (RawHttp raw = new RawHttp(proxy.uri())) {
            raw.write("POST /_bulk HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            // a RST, not a clean close (read() would return -1) and not an HTTP error
            assertThatThrownBy(raw::readToEnd).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
        assertThat(upstream.requests()).isEmpty();
        assertThat(proxy.stats().faults(Fault.Kind.RESET_BEFORE_FORWARD)).isEqualTo(1);
    }

    @Test
    void should_hold_the_response_back_when_delay_is_armed() throws Exception {
        proxy.inject(Fault.delay(1, Duration.ofMillis(600)));

        long t0 = System.nanoTime();
        HttpResponse<String> r = postBulk(bulk("a"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }

    @Test
    void should_let_the_client_time_out_after_upstream_got_the_request_when_delay_exceeds_its_timeout()
            throws Exception {
        proxy.inject(Fault.delay(1, Duration.ofSeconds(5)));
        HttpRequest request = HttpRequest.newBuilder(proxy.uri().resolve("/_bulk")).timeout(Duration.ofMillis(300))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bulk("a"))).build();

        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        // The delay holds the upstream's answer, not the forwarding; on a busy machine the client may give up
        // before the proxy has forwarded, so wait for the upstream rather than assume it already saw the request.
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (upstream.requests().isEmpty() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(upstream.requests()).hasSize(1);
    }
}
