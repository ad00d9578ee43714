package io.logpipe.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleConfigTest {

    @Test
    void should_use_the_documented_defaults_when_no_variable_is_set() {
        SampleConfig config = SampleConfig.defaults();

        assertThat(config.logLevel()).isEqualTo(LogLevel.INFO);
        assertThat(config.eventsPerSecond()).isEqualTo(5);
        assertThat(config.format()).isEqualTo(OutputFormat.JSON);
        assertThat(config.logFile()).isNull();
        assertThat(config.serviceName()).isEqualTo("sample-app");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.burst().enabled()).isFalse();
        assertThat(config.seed()).isEmpty();
    }

    @Test
    void should_read_every_variable_when_set() {
        SampleConfig config = SampleConfig.fromEnv(Map.of("LOG_LEVEL", "warn", "LOG_FREQUENCY", "250", "LOG_FORMAT", "CSV",
                "LOG_FILE", "/var/log/app/app.log", "SERVICE_NAME", "orders", "PORT", "9090", "BURST_MULTIPLIER", "20",
                "BURST_EVERY_SECONDS", "30", "BURST_SECONDS", "3", "SEED", "-7"));

        assertThat(config.logLevel()).isEqualTo(LogLevel.WARNING);
        assertThat(config.eventsPerSecond()).isEqualTo(250);
        assertThat(config.format()).isEqualTo(OutputFormat.CSV);
        assertThat(config.logFile()).isEqualTo(Path.of("/var/log/app/app.log"));
        assertThat(config.serviceName()).isEqualTo("orders");
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.burst()).isEqualTo(new SampleConfig.Burst(20, 30, 3));
        assertThat(config.burst().enabled()).isTrue();
        assertThat(config.seed()).hasValue(-7);
        assertThat(config.toJson()).contains("\"log_file\":\"/var/log/app/app.log\"", "\"log_file_max_bytes\":1000000",
                "\"log_file_backups\":3");
    }

    @Test
    void should_fail_with_the_variable_name_when_a_value_is_malformed() {
        assertThatThrownBy(() -> SampleConfig.fromEnv(Map.of("LOG_LEVEL", "LOUD"))).hasMessageContaining("LOG_LEVEL");
        assertThatThrownBy(() -> SampleConfig.fromEnv(Map.of("LOG_FORMAT", "xml"))).hasMessageContaining("LOG_FORMAT");
        assertThatThrownBy(() -> SampleConfig.fromEnv(Map.of("LOG_FREQUENCY", "0"))).hasMessageContaining("LOG_FREQUENCY");
        assertThatThrownBy(() -> SampleConfig.fromEnv(Map.of("LOG_FREQUENCY", "fast"))).hasMessageContaining("LOG_FREQUENCY");
        assertThatThrownBy(() -> SampleConfig.fromEnv(Map.of("PORT", "70000"))).hasMessageContaining("PORT");
        assertThatThrownBy(() -> SampleConfig.fromEnv(Map.of("BURST_MULTIPLIER", "0.5"))).hasMessageContaining("BURST_MULTIPLIER");
        assertThatThrownBy(() -> SampleConfig.fromEnv(Map.of("BURST_SECONDS", "90"))).hasMessageContaining("BURST_SECONDS");
        assertThatThrownBy(() -> SampleConfig.fromEnv(Map.of("SEED", "abc"))).hasMessageContaining("SEED");
    }
}
