package io.logpipe.ingest;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestConfigTest {

    @Test
    void should_take_the_documented_defaults_when_nothing_is_set() {
        IngestConfig c = IngestConfig.defaults();
        assertThat(c.port()).isEqualTo(8081);
        assertThat(c.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(c.topic()).isEqualTo("app-logs");
        assertThat(c.sasl()).isEqualTo(IngestConfig.Sasl.NONE);
        assertThat(c.maxBodyBytes()).isEqualTo(1 << 20);
        assertThat(c.maxEventBytes()).isEqualTo(64 << 10);
        assertThat(c.maxBatchEvents()).isEqualTo(1_000);
        assertThat(c.maxJsonDepth()).isEqualTo(32);
        assertThat(c.sendTimeoutMs()).isEqualTo(5_000);
        assertThat(c.serviceName()).isEqualTo("ingest-api");
    }

    @Test
    void should_read_variables_and_let_flags_override_them() {
        Map<String, String> env = IngestMain.withFlags(Map.of("KAFKA_SASL", "IAM", "PORT", "9000", "SEND_TIMEOUT_MS", "10_000"),
                new String[]{"--kafka", "b-1:9098", "--topic", "bursty"});
        IngestConfig c = IngestConfig.fromEnvironment(env);
        assertThat(c.sasl()).isEqualTo(IngestConfig.Sasl.IAM);
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.sendTimeoutMs()).isEqualTo(10_000);
        assertThat(c.bootstrapServers()).isEqualTo("b-1:9098");
        assertThat(c.topic()).isEqualTo("bursty");
    }

    @Test
    void should_refuse_bad_values_with_the_variable_name() {
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("KAFKA_SASL", "scram"))).hasMessageContaining("KAFKA_SASL");
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("MAX_BODY_BYTES", "lots"))).hasMessageContaining("MAX_BODY_BYTES");
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("MAX_BODY_BYTES", "100"))).hasMessageContaining("MAX_EVENT_BYTES");
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("SEND_TIMEOUT_MS", "10"))).hasMessageContaining("SEND_TIMEOUT_MS");
        assertThatThrownBy(() -> IngestMain.withFlags(Map.of(), new String[]{"--kafka"})).hasMessageContaining("needs a value");
    }

    @Test
    void should_derive_bounded_idempotent_producer_settings() {
        Map<String, Object> p = io.logpipe.ingest.kafka.KafkaSettings.producer(IngestConfig.defaults());
        assertThat(p).containsEntry("enable.idempotence", "true").containsEntry("acks", "all")
                .containsEntry("delivery.timeout.ms", "5000").containsEntry("max.block.ms", "2500")
                .containsKey("buffer.memory");
        Map<String, Object> iam = io.logpipe.ingest.kafka.KafkaSettings.producer(
                IngestConfig.fromEnvironment(Map.of("KAFKA_SASL", "iam")));
        assertThat(iam).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "AWS_MSK_IAM");
    }
}
