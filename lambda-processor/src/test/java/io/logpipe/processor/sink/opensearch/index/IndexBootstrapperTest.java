package io.logpipe.processor.sink.opensearch.index;

import io.logpipe.processor.sink.opensearch.OpenSearchClients;
import io.logpipe.processor.sink.opensearch.OpenSearchSinkConfig;
import io.logpipe.processor.sink.opensearch.index.BootstrapReport.Outcome;
import io.logpipe.processor.sink.opensearch.index.BootstrapReport.Step;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IndexBootstrapperTest {

    @Test
    void should_report_a_failed_step_instead_of_throwing_when_the_cluster_is_unreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();           // closed again: nothing listens there
        }
        OpenSearchClient client = OpenSearchClients.create(OpenSearchSinkConfig.local(URI.create("http://127.0.0.1:" + port))
                .withRequestTimeout(Duration.ofSeconds(2)));
        try {
            BootstrapReport report = new IndexBootstrapper(client).bootstrap(BootstrapOptions.defaults());
            assertThat(report.ok()).isFalse();
            assertThat(report.steps()).hasSize(1);
            assertThat(report.steps().getFirst().outcome()).isEqualTo(Outcome.FAILED);
            assertThat(report.steps().getFirst().detail()).isNotBlank();
        } finally {
            client._transport().close();
        }
    }

    @Test
    void should_count_skips_as_no_change_when_summarising_a_report() {
        BootstrapReport report = new BootstrapReport(List.of(
                new Step("index template app-logs", Outcome.UNCHANGED, "fingerprint x"),
                new Step("ISM policy logpipe-app-logs", Outcome.SKIPPED, "opensearch-index-management is not installed")));
        assertThat(report.ok()).isTrue();
        assertThat(report.noChanges()).isTrue();
        assertThat(report.toString()).isEqualTo("index template app-logs: unchanged (fingerprint x)\n"
                + "ISM policy logpipe-app-logs: skipped (opensearch-index-management is not installed)");
    }

    @Test
    void should_report_failure_when_any_step_failed() {
        BootstrapReport report = new BootstrapReport(List.of(
                new Step("index template app-logs", Outcome.CREATED, ""),
                new Step("data stream app-logs", Outcome.FAILED, "HTTP 500 conflicts with index")));
        assertThat(report.ok()).isFalse();
        assertThat(report.noChanges()).isFalse();
    }
}
