package io.logpipe.testkit.faults;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP/1.1 framing on the client side, driven over a bare socket. */
class FaultProxyWireTest {

    private FakeUpstream upstream;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws IOException {
        upstream = FakeUpstream.start();
        proxy = FaultProxy.start(upstream.uri(), FaultProxy.Options.defaults().withMaxBodyBytes(1024)
                .withMaxHeaderBytes(2048));
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    @Test
    void should_serve_several_requests_on_one_connection_when_the_client_keeps_it_alive() throws Exception {
        try (RawHttp raw = new RawHttp(proxy.uri())) {
            raw.write("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response first = raw.read();
            raw.write("POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
            RawHttp.Response second = raw.read();

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("{\"echo\":\"GET /a\"}");
            assertThat(first.headers()).doesNotContain("connection: close");
            assertThat(second.body()).isEqualTo("{\"echo\":\"POST /b\"}");
            assertThat(second.headers()).contains("connection: close");
            assertThat(raw.readToEnd()).isEqualTo(-1);
        }
        assertThat(upstream.requests()).hasSize(2);
    }

    @Test
    void should_decode_chunks_with_extensions_and_trailers_when_the_body_is_chunked() throws Exception {
        try (RawHttp raw = new RawHttp(proxy.uri())) {
            raw.write("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");

            assertThat(raw.read().status()).isEqualTo(200);
        }
        assertThat(upstream.last().bodyText()).isEqualTo("hello world");
    }

    @Test
    void should_send_100_continue_before_reading_the_body_when_the_client_expects_it() throws Exception {
        try (RawHttp raw = new RawHttp(proxy.uri())) {
            raw.write("POST /d HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
            assertThat(raw.line()).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(raw.line()).isEmpty();
            raw.write("body");

            assertThat(raw.read().status()).isEqualTo(200);
        }
        assertThat(upstream.last().bodyText()).isEqualTo("body");
    }

    @Test
    void should_answer_413_and_close_without_forwarding_when_the_body_exceeds_the_limit() throws Exception {
        try (RawHttp raw = new RawHttp(proxy.uri())) {
            raw.write("POST /_bulk HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n");
            RawHttp.Response r = raw.read();

            assertThat(r.status()).isEqualTo(413);
            assertThat(r.headers()).contains("connection: close");
        }
        try (RawHttp raw = new RawHttp(proxy.uri())) {
            raw.write("POST /_bulk HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "800\r\n" + "x".repeat(0x800) + "\r\n0\r\n\r\n");
            assertThat(raw.read().status()).isEqualTo(413);
        }
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void should_answer_431_when_the_header_section_exceeds_the_limit() throws Exception {
        try (RawHttp raw = new RawHttp(proxy.uri())) {
            raw.write("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(3000) + "\r\n\r\n");

            assertThat(raw.read().status()).isEqualTo(431);
        }
        assertThat(upstream.requests()).isEmpty();
    }

    @Test
    void should_answer_400_when_the_request_is_malformed() throws Exception {
        try (RawHttp raw = new RawHttp(proxy.uri())) {
            raw.write("NOT A REQUEST\r\n\r\n");
            assertThat(raw.read().status()).isEqualTo(400);
        }
        try (RawHttp raw = new RawHttp(proxy.uri())) {
            raw.write("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab");
            assertThat(raw.read().status()).isEqualTo(400);
        }
        try (RawHttp raw = new RawHttp(proxy.uri())) {
            raw.write("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
            assertThat(raw.read().status()).isEqualTo(400);
        }
    }

    @Test
    void should_drop_hop_by_hop_fields_when_forwarding() throws Exception {
        try (RawHttp raw = new RawHttp(proxy.uri())) {
            raw.write("GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, X-Private\r\nX-Private: 1\r\n"
                    + "Keep-Alive: timeout=5\r\nX-Public: 2\r\n\r\n");
            assertThat(raw.read().status()).isEqualTo(200);
        }
        assertThat(upstream.last().headers()).containsKey("X-public")
                .doesNotContainKeys("X-private", "Keep-alive");
    }

    @Test
    void should_close_after_answering_when_the_client_speaks_http_1_0() throws Exception {
        try (RawHttp raw = new RawHttp(proxy.uri())) {
            raw.write("GET / HTTP/1.0\r\n\r\n");
            RawHttp.Response r = raw.read();

            assertThat(r.statusLine()).startsWith("HTTP/1.1 200");
            assertThat(r.headers()).contains("connection: close");
            assertThat(raw.readToEnd()).isEqualTo(-1);
        }
    }
}
