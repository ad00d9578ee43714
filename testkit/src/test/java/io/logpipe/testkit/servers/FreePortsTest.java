package io.logpipe.testkit.servers;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreePortsTest {

    @Test
    void picksABindablePort() throws Exception {
        int port = FreePorts.pick();
        assertThat(port).isBetween(1024, 65535);
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(s.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void picksDistinctPorts() {
        List<Integer> ports = FreePorts.pick(5);
        assertThat(ports).hasSize(5).doesNotHaveDuplicates().allSatisfy(p -> assertThat(p).isPositive());
    }

    @Test
    void neverReturnsAPortThatIsInUse() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 20; i++) {
                assertThat(FreePorts.pick()).isNotEqualTo(busy.getLocalPort());
            }
        }
    }

    @Test
    void rejectsNonPositiveCount() {
        assertThatThrownBy(() -> FreePorts.pick(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
