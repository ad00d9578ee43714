package io.logpipe.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineConfigTest {

    @ParameterizedTest
    @ValueSource(strings = {"LOGPIPE_MAX_EVENT_BYTES", "LOGPIPE_MAX_DECOMPRESSED_BYTES", "LOGPIPE_MAX_MESSAGE_CHARS",
        "LOGPIPE_MAX_JSON_DEPTH", "LOGPIPE_MAX_JSON_FIELDS", "LOGPIPE_MAX_JOINED_CHARS",
        "LOGPIPE_MAX_TIMESTAMP_PAST_DAYS", "LOGPIPE_MAX_TIMESTAMP_FUTURE_HOURS"})
    void should_name_the_variable_when_its_value_is_not_an_integer(String variable) {
        assertThatThrownBy(() -> PipelineConfig.fromEnv(Map.of(variable, "32k")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(variable)
                .hasMessageContaining("'32k'");
    }

    @Test
    void should_name_the_variable_when_the_number_overflows_an_int() {
        assertThatThrownBy(() -> PipelineConfig.fromEnv(Map.of("LOGPIPE_MAX_EVENT_BYTES", "8589934592")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LOGPIPE_MAX_EVENT_BYTES");
    }

    @Test
    void should_use_the_documented_defaults_when_nothing_is_set() {
        PipelineConfig config = PipelineConfig.fromEnv(Map.of());

        assertThat(config.limits()).isEqualTo(Limits.defaults());
        assertThat(config.defaultService()).isEqualTo("unknown");
        assertThat(config.defaultEnvironment()).isEqualTo("unknown");
        assertThat(config.region()).isNull();
        assertThat(config.maxTimestampPast()).isEqualTo(Duration.ofDays(3653));
        assertThat(config.maxTimestampFuture()).isEqualTo(Duration.ofHours(24));
        assertThat(config.logGroupRules()).hasSize(PipelineConfig.DEFAULT_LOG_GROUP_PATTERNS.size());
        assertThat(config.environmentNames()).isEqualTo(PipelineConfig.DEFAULT_ENVIRONMENTS);
    }

    @Test
    void should_read_trimmed_numbers_and_ignore_blank_values_when_set() {
        PipelineConfig config = PipelineConfig.fromEnv(Map.of("LOGPIPE_MAX_MESSAGE_CHARS", " 4096 ",
                "LOGPIPE_MAX_JSON_DEPTH", "  ", "AWS_REGION", "eu-west-1"));

        assertThat(config.limits().maxMessageChars()).isEqualTo(4096);
        assertThat(config.limits().maxJsonDepth()).isEqualTo(Limits.defaults().maxJsonDepth());
        assertThat(config.region()).isEqualTo("eu-west-1");
    }

    @Test
    void should_reject_a_log_group_pattern_without_a_service_group_when_configured() {
        assertThatThrownBy(() -> PipelineConfig.fromEnv(Map.of("LOGPIPE_LOG_GROUP_PATTERNS", "^/teams/([^/]+)$")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(?<service>");
    }
}
