package io.logpipe.processor.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.model.FailureKind;
import io.logpipe.processor.sink.SinkUnavailableException;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudWatchLogsHandlerTest {

    @Test
    void should_answer_with_the_invocation_report_when_the_payload_is_processed() throws Exception {
        HandlerTestSupport support = HandlerTestSupport.healthy();
        ByteArrayOutputStream response = new ByteArrayOutputStream();

        new CloudWatchLogsHandler(support.invocations).handleRequest(
                HandlerTestSupport.input(Fixtures.cloudWatchEvent("cloudwatch/malformed-events.json")), response, null);

        JsonNode report = TestPipeline.JSON.readTree(response.toString(StandardCharsets.UTF_8));
        assertThat(report.at("/source").asText()).isEqualTo("cloudwatch");
        assertThat(report.at("/control").asBoolean()).isFalse();
        assertThat(report.at("/events_in").asInt()).isEqualTo(8);
        assertThat(report.at("/documents").asInt()).isEqualTo(2);
        assertThat(report.at("/events_indexed").asInt()).isEqualTo(2);
        assertThat(report.at("/joined").asInt()).isZero();
        assertThat(report.at("/events_dead_lettered").asInt()).isEqualTo(6);
        assertThat(report.at("/payloads_dead_lettered").asInt()).isZero();
        assertThat(report.at("/dead_letter_kinds/malformed_event").asInt()).isEqualTo(6);
        assertThat(report.at("/conserved").asBoolean()).isTrue();
        assertThat(support.documents).hasSize(2);
        assertThat(support.deadLetters).hasSize(6);
    }

    @Test
    void should_print_one_emf_metrics_line_when_an_invocation_completes() throws Exception {
        HandlerTestSupport support = HandlerTestSupport.healthy();

        new CloudWatchLogsHandler(support.invocations).handleRequest(
                HandlerTestSupport.input(Fixtures.cloudWatchEvent("cloudwatch/malformed-events.json")),
                new ByteArrayOutputStream(), null);

        assertThat(support.metricLines()).hasSize(1);
        JsonNode emf = TestPipeline.JSON.readTree(support.metricLines().getFirst());
        JsonNode directive = emf.at("/_aws/CloudWatchMetrics/0");
        assertThat(directive.at("/Namespace").asText()).isEqualTo("logpipe");
        assertThat(directive.at("/Dimensions/0/0").asText()).isEqualTo("Source");
        assertThat(directive.at("/Metrics")).extracting(m -> m.at("/Name").asText()).containsExactly(
                "EventsIn", "DocumentsIndexed", "DuplicatesSkipped", "EventsDeadLettered", "PayloadsDeadLettered");
        assertThat(emf.at("/_aws/Timestamp").isIntegralNumber()).isTrue();
        assertThat(emf.at("/Source").asText()).isEqualTo("cloudwatch");
        assertThat(emf.at("/EventsIn").asInt()).isEqualTo(8);
        assertThat(emf.at("/DocumentsIndexed").asInt()).isEqualTo(2);
        assertThat(emf.at("/EventsDeadLettered").asInt()).isEqualTo(6);
        assertThat(emf.at("/PayloadsDeadLettered").asInt()).isZero();
    }

    @Test
    void should_fail_the_invocation_and_store_no_dead_letters_when_the_sink_is_unavailable() {
        HandlerTestSupport support = HandlerTestSupport.sinkDown();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        CloudWatchLogsHandler handler = new CloudWatchLogsHandler(support.invocations);

        assertThatThrownBy(() -> handler.handleRequest(
                HandlerTestSupport.input(Fixtures.cloudWatchEvent("cloudwatch/malformed-events.json")), response, null))
                .hasCauseInstanceOf(SinkUnavailableException.class)
                .hasMessageContaining("redelivered");

        assertThat(support.deadLetters).as("dead letters are stored only once the sink succeeded").isEmpty();
        assertThat(response.size()).isZero();
        assertThat(support.metricLines()).hasSize(1);
        assertThat(support.metricLines().getFirst()).contains("\"SinkFailures\":1").contains("\"Source\":\"cloudwatch\"");
    }

    @Test
    void should_succeed_with_a_payload_dead_letter_when_the_event_exceeds_the_size_limit() throws Exception {
        HandlerTestSupport support = HandlerTestSupport.healthy(PipelineConfig.fromEnv(Map.of("LOGPIPE_MAX_EVENT_BYTES", "512")));
        ByteArrayOutputStream response = new ByteArrayOutputStream();

        new CloudWatchLogsHandler(support.invocations).handleRequest(
                HandlerTestSupport.input(Fixtures.cloudWatchEvent("app/json-loggers.json")), response, null);

        JsonNode report = TestPipeline.JSON.readTree(response.toString(StandardCharsets.UTF_8));
        assertThat(report.at("/payloads_dead_lettered").asInt()).isEqualTo(1);
        assertThat(report.at("/dead_letter_kinds/input_too_large").asInt()).isEqualTo(1);
        assertThat(support.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(FailureKind.INPUT_TOO_LARGE);
            assertThat(d.reason()).contains("512");
        });
    }

    @Test
    void should_report_a_control_message_when_cloudwatch_checks_the_destination() throws Exception {
        HandlerTestSupport support = HandlerTestSupport.healthy();
        ByteArrayOutputStream response = new ByteArrayOutputStream();

        new CloudWatchLogsHandler(support.invocations).handleRequest(
                HandlerTestSupport.input(Fixtures.cloudWatchEvent("cloudwatch/control-message.json")), response, null);

        JsonNode report = TestPipeline.JSON.readTree(response.toString(StandardCharsets.UTF_8));
        assertThat(report.at("/control").asBoolean()).isTrue();
        assertThat(report.at("/documents").asInt()).isZero();
        assertThat(report.at("/conserved").asBoolean()).isTrue();
        assertThat(support.deadLetters).isEmpty();
    }
}
