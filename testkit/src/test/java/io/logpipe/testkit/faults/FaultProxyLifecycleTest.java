package io.logpipe.testkit.faults;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.logpipe.testkit.faults.TestBodies.bulk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Counters, fault bookkeeping, concurrency and shutdown. */
class FaultProxyLifecycleTest {

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

    private HttpResponse<String> postBulk(byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(proxy.uri().resolve("/_bulk")).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(proxy.uri().resolve(path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void should_keep_faulting_until_cleared_when_times_is_unlimited() throws Exception {
        proxy.inject(Fault.serverError(Fault.UNLIMITED, 500));

        for (int i = 0; i < 5; i++) {
            assertThat(postBulk(bulk("a")).statusCode()).isEqualTo(500);
        }
        assertThat(proxy.pending()).containsExactly(Fault.serverError(Fault.UNLIMITED, 500));
        proxy.clear();

        assertThat(postBulk(bulk("a")).statusCode()).isEqualTo(200);
        assertThat(proxy.pending()).isEmpty();
    }

    @Test
    void should_report_remaining_uses_when_faults_are_partly_consumed() throws Exception {
        proxy.inject(Fault.tooManyRequests(3)).inject(Fault.resetBeforeForward(1));

        postBulk(bulk("a"));

        assertThat(proxy.pending()).extracting(Fault::kind, Fault::times).containsExactly(
                tuple(Fault.Kind.TOO_MANY_REQUESTS, 2),
                tuple(Fault.Kind.RESET_BEFORE_FORWARD, 1));
    }

    @Test
    void should_count_requests_faults_and_items_when_mixed_traffic_passes() throws Exception {
        proxy.inject(Fault.tooManyRequests(1)).inject(Fault.partialBulkFailure(1, 2, 503));

        postBulk(bulk("a", "b"));          // 429
        postBulk(bulk("a", "b", "c", "d")); // b and d fail, a and c forwarded
        postBulk(bulk("b", "d"));          // clean
        get("/_cluster/health");

        ProxyStats s = proxy.stats();
        assertThat(s.requests()).isEqualTo(4);
        assertThat(s.forwarded()).isEqualTo(3);
        assertThat(s.faults(Fault.Kind.TOO_MANY_REQUESTS)).isEqualTo(1);
        assertThat(s.faults(Fault.Kind.PARTIAL_BULK_FAILURE)).isEqualTo(1);
        assertThat(s.totalFaults()).isEqualTo(2);
        assertThat(s.bulkItemsReceived()).isEqualTo(8);
        assertThat(s.bulkItemsForwarded()).isEqualTo(4);
        assertThat(s.bulkItemsFailed()).isEqualTo(2);
        assertThat(s.upstreamErrors()).isZero();
    }

    @Test
    void should_inject_each_fault_exactly_once_when_clients_run_concurrently() throws Exception {
        proxy.inject(Fault.tooManyRequests(30));
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 200; i++) {
                String id = "c" + i;
                statuses.add(pool.submit(() -> postBulk(bulk(id)).statusCode()));
            }
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : statuses) {
            codes.add(f.get());
        }

        assertThat(codes).filteredOn(c -> c == 429).hasSize(30);
        assertThat(codes).filteredOn(c -> c == 200).hasSize(170);
        assertThat(upstream.requests()).hasSize(170);
        assertThat(proxy.stats().requests()).isEqualTo(200);
        assertThat(proxy.stats().bulkItemsForwarded()).isEqualTo(170);
    }

    @Test
    void should_release_the_port_and_drop_open_connections_when_closed() throws Exception {
        int port = proxy.port();
        RawHttp idle = new RawHttp(proxy.uri());
        idle.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(idle.read().status()).isEqualTo(200);

        proxy.close();

        assertThat(idle.readToEnd()).isEqualTo(-1);
        idle.close();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(IOException.class);
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
        proxy.close(); // idempotent
    }

    @Test
    void should_answer_502_when_upstream_cannot_be_reached() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        try (FaultProxy dead = FaultProxy.start(URI.create("http://127.0.0.1:" + deadPort))) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(dead.uri().resolve("/")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(dead.stats().upstreamErrors()).isEqualTo(1);
            assertThat(dead.stats().forwarded()).isZero();
        }
    }
}
