package io.logpipe.testkit.faults;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TcpProxyTest {

    /** An echo server: every connection gets its bytes back. */
    private static ServerSocket echo() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException ignored) {
                            // client went away
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server;
    }

    private static String roundTrip(int port, String text) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readNBytes(text.length()), StandardCharsets.UTF_8);
        }
    }

    @Test
    void should_forward_refuse_while_cut_and_forward_again_when_restored() throws Exception {
        try (ServerSocket server = echo(); TcpProxy proxy = TcpProxy.start().forwardTo("127.0.0.1", server.getLocalPort())) {
            assertThat(roundTrip(proxy.port(), "hello")).isEqualTo("hello");

            Socket open = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
            open.setSoTimeout(5_000);
            open.getOutputStream().write('x');
            assertThat(open.getInputStream().read()).isEqualTo('x');
            proxy.cut();
            assertThat(proxy.isCut()).isTrue();
            assertThatThrownBy(() -> {
                int b = open.getInputStream().read();       // reset, or end of stream
                if (b < 0) {
                    throw new IOException("closed");
                }
            }).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> roundTrip(proxy.port(), "down")).isInstanceOf(ConnectException.class);

            proxy.restore();
            assertThat(roundTrip(proxy.port(), "back")).isEqualTo("back");
            open.close();
        }
    }
}
