package io.logpipe.processor.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.sink.SinkUnavailableException;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MskHandlerTest {

    @Test
    void should_answer_with_the_report_and_dead_letter_poison_records_when_the_batch_has_some() throws Exception {
        HandlerTestSupport support = HandlerTestSupport.healthy();
        ByteArrayOutputStream response = new ByteArrayOutputStream();

        new MskHandler(support.invocations).handleRequest(
                HandlerTestSupport.input(Fixtures.text("msk/app-logs-batch.json")), response, null);

        JsonNode report = TestPipeline.JSON.readTree(response.toString(StandardCharsets.UTF_8));
        assertThat(report.at("/source").asText()).isEqualTo("kafka");
        assertThat(report.at("/events_in").asInt()).isEqualTo(5);
        assertThat(report.at("/documents").asInt()).isEqualTo(3);
        assertThat(report.at("/events_dead_lettered").asInt()).isEqualTo(2);
        assertThat(report.at("/dead_letter_kinds/malformed_event").asInt()).isEqualTo(2);
        assertThat(report.at("/conserved").asBoolean()).isTrue();
        assertThat(support.deadLetters).extracting(DeadLetter::eventId).containsExactly("app-logs-0-16", "app-logs-0-17");
        JsonNode emf = TestPipeline.JSON.readTree(support.metricLines().getFirst());
        assertThat(emf.at("/Source").asText()).isEqualTo("kafka");
        assertThat(emf.at("/EventsIn").asInt()).isEqualTo(5);
        assertThat(emf.at("/EventsDeadLettered").asInt()).isEqualTo(2);
    }

    @Test
    void should_fail_so_the_batch_is_redelivered_when_the_sink_is_unavailable() {
        HandlerTestSupport support = HandlerTestSupport.sinkDown();
        MskHandler handler = new MskHandler(support.invocations);

        assertThatThrownBy(() -> handler.handleRequest(
                HandlerTestSupport.input(Fixtures.text("msk/app-logs-batch.json")), new ByteArrayOutputStream(), null))
                .hasCauseInstanceOf(SinkUnavailableException.class);

        assertThat(support.deadLetters).isEmpty();
        assertThat(support.metricLines()).singleElement().asString()
                .contains("\"SinkFailures\":1").contains("\"Source\":\"kafka\"");
    }
}
