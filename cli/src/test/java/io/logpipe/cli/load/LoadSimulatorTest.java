package io.logpipe.cli.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadSimulatorTest {

    @Test
    void should_write_one_json_object_per_line_numbered_from_first_when_building_a_body() throws Exception {
        LoadSimulator sim = new LoadSimulator(new LoadOptions(URI.create("http://127.0.0.1:1"), LoadOptions.Endpoint.V1_LOGS,
                10, 1, 3, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        String[] lines = sim.body(4, 3).split("\n");

        assertThat(lines).hasSize(3);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 3; i++) {
            var event = json.readTree(lines[i]);
            assertThat(event.path("seq").asInt()).isEqualTo(4 + i);
            assertThat(event.path("run_id").asText()).isEqualTo(sim.runId());
            assertThat(event.path("event").asText()).isNotBlank();
            assertThat(event.path("user_id").asInt()).isPositive();
        }
    }

    @Test
    void should_take_the_nearest_rank_when_computing_percentiles() {
        long[] ms = new long[100];
        for (int i = 0; i < 100; i++) {
            ms[i] = (i + 1) * 1_000_000L;
        }
        assertThat(LoadSimulator.percentile(ms, 50)).isEqualTo(50.0);
        assertThat(LoadSimulator.percentile(ms, 99)).isEqualTo(99.0);
        assertThat(LoadSimulator.percentile(new long[]{7_000_000L}, 95)).isEqualTo(7.0);
        assertThat(LoadSimulator.percentile(new long[0], 50)).isZero();
    }

    @Test
    void should_refuse_a_batch_size_for_register_event_and_resolve_the_endpoint_path() {
        assertThatThrownBy(() -> new LoadOptions(URI.create("http://127.0.0.1:8081"), LoadOptions.Endpoint.REGISTER_EVENT,
                10, 1, 5, Duration.ofSeconds(1), Duration.ofSeconds(1))).hasMessageContaining("--batch-size");
        assertThat(new LoadOptions(URI.create("http://127.0.0.1:8081"), LoadOptions.Endpoint.parse("v1/logs"), 10, 1, 5,
                Duration.ofSeconds(1), Duration.ofSeconds(1)).target()).isEqualTo(URI.create("http://127.0.0.1:8081/v1/logs"));
        assertThat(LoadOptions.Endpoint.parse("/register_event")).isEqualTo(LoadOptions.Endpoint.REGISTER_EVENT);
    }

    @Test
    void should_render_counts_and_percentiles_when_reporting_as_json() throws Exception {
        LoadReport r = new LoadReport("http://x/register_event", 2, 1, 10, 10, 8, 10, Map.of("202", 8L, "503", 2L),
                Map.of("503", 2L), 2_000_000_000L, 1.5, 2.5, 3.5, 4.5);
        var json = new ObjectMapper().readTree(r.toJson());

        assertThat(json.path("events_per_second").asDouble()).isEqualTo(4.0);
        assertThat(json.path("all_accepted").asBoolean()).isFalse();
        assertThat(json.at("/events_not_accepted/503").asInt()).isEqualTo(2);
        assertThat(json.at("/latency_ms/p99").asDouble()).isEqualTo(3.5);
        assertThat(r.toText()).contains("8 accepted").contains("503: 2");
    }
}
