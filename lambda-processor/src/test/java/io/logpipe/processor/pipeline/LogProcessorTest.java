package io.logpipe.processor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.FailureKind;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.model.SourceKind;
import io.logpipe.processor.model.Stage;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.SinkResult;
import io.logpipe.processor.sink.SinkUnavailableException;
import io.logpipe.processor.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The processor's accounting when the sink rejects documents or is unavailable. */
class LogProcessorTest {
    private final List<DeadLetter> stored = new ArrayList<>();

    private static byte[] ordersPayload() {
        return Fixtures.cloudWatchEvent("cloudwatch/orders-ecs-payload.json").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void should_dead_letter_rejected_documents_and_stay_conserved_when_the_sink_refuses_some() throws Exception {
        LogProcessor processor = new LogProcessor(PipelineConfig.defaults(), (documents, deadline) -> {
            LogEvent refused = documents.get(1);
            return new SinkResult(documents.size() - 1, 0, List.of(new DeadLetter(0, Stage.SINK,
                    FailureKind.DOCUMENT_REJECTED, "mapper_parsing_exception: failed to parse field [attributes]",
                    refused.raw.id(), refused.raw.source(), refused.raw.message(), "{\"@timestamp\":\"...\"}",
                    refused.raw.joinedLines())));
        }, stored::addAll);

        InvocationReport report = processor.process(ordersPayload(), SourceKind.CLOUDWATCH, Deadline.none());

        assertThat(report.eventsIn()).isEqualTo(3);
        assertThat(report.documents()).isEqualTo(2);
        assertThat(report.eventsIndexed()).isEqualTo(2);
        assertThat(report.eventsDeadLettered()).isEqualTo(1);
        assertThat(report.deadLetterKinds()).containsEntry("document_rejected", 1);
        assertThat(report.conserved()).isTrue();
        assertThat(stored).singleElement().satisfies(d -> assertThat(d.document()).isNotNull());
    }

    @Test
    void should_throw_and_store_nothing_when_the_sink_is_unavailable() {
        LogProcessor processor = new LogProcessor(PipelineConfig.defaults(), (documents, deadline) -> {
            throw new SinkUnavailableException("cluster unreachable", 0, documents.size(), null);
        }, stored::addAll);
        byte[] withMalformedEvents = Fixtures.cloudWatchEvent("cloudwatch/malformed-events.json").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> processor.process(withMalformedEvents, SourceKind.CLOUDWATCH, Deadline.none()))
                .isInstanceOf(SinkUnavailableException.class);
        assertThat(stored).isEmpty();
    }

    @Test
    void should_not_call_the_sink_when_no_document_was_produced() throws Exception {
        List<Integer> calls = new ArrayList<>();
        LogProcessor processor = new LogProcessor(PipelineConfig.defaults(), (documents, deadline) -> {
            calls.add(documents.size());
            return new SinkResult(documents.size(), 0, List.of());
        }, stored::addAll);

        InvocationReport report = processor.process("{\"awslogs\":{}}".getBytes(StandardCharsets.UTF_8),
                SourceKind.CLOUDWATCH, Deadline.none());

        assertThat(calls).isEmpty();
        assertThat(report.payloadsDeadLettered()).isEqualTo(1);
        assertThat(stored).hasSize(1);
    }
}
