package io.logpipe.ingest.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventReaderTest {
    private final EventReader reader = new EventReader(200, 3, 4);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void should_read_one_object_per_non_blank_line_when_the_body_is_ndjson() throws Exception {
        List<ObjectNode> events = reader.ndjson(b("{\"a\":1}\r\n\n  \n{\"b\":\"x\"}"));
        assertThat(events).extracting(ObjectNode::toString).containsExactly("{\"a\":1}", "{\"b\":\"x\"}");
    }

    @Test
    void should_name_the_line_when_an_ndjson_line_is_bad() {
        assertThatThrownBy(() -> reader.ndjson(b("{\"a\":1}\n\n{\"a\":")))
                .isInstanceOf(RejectedInput.class).hasMessageStartingWith("line 3: invalid JSON");
        assertThatThrownBy(() -> reader.ndjson(b("{\"a\":1}\n[1]")))
                .hasMessage("line 2: expected a JSON object, got an array");
    }

    @Test
    void should_refuse_with_too_large_when_a_limit_is_passed() {
        assertThatThrownBy(() -> reader.ndjson(b("{}\n{}\n{}\n{}")))
                .satisfies(e -> assertThat(((RejectedInput) e).reason()).isEqualTo(RejectedInput.Reason.TOO_LARGE))
                .hasMessageContaining("MAX_BATCH_EVENTS (3)").hasMessageContaining("line 4");
        assertThatThrownBy(() -> reader.single(b("{\"m\":\"" + "x".repeat(300) + "\"}")))
                .satisfies(e -> assertThat(((RejectedInput) e).reason()).isEqualTo(RejectedInput.Reason.TOO_LARGE));
        assertThatThrownBy(() -> reader.array(b("[{},{\"m\":\"" + "x".repeat(300) + "\"}]")))
                .hasMessageStartingWith("event [1]: ").hasMessageContaining("MAX_EVENT_BYTES (200)");
    }

    @Test
    void should_refuse_nesting_deeper_than_the_limit_as_malformed() throws Exception {
        assertThatThrownBy(() -> reader.single(b("{\"a\":{\"b\":{\"c\":{\"d\":{}}}}}")))
                .satisfies(e -> assertThat(((RejectedInput) e).reason()).isEqualTo(RejectedInput.Reason.MALFORMED))
                .hasMessage("body: nesting deeper than MAX_JSON_DEPTH (4)");
        assertThat(reader.single(b("{\"a\":{\"b\":{\"c\":{}}}}"))).hasSize(1);
    }

    @Test
    void should_read_every_element_when_the_body_is_an_array_of_objects() throws Exception {
        assertThat(reader.array(b(" [ {\"a\":1} , {\"b\":[1,2]} ] "))).hasSize(2);
        assertThatThrownBy(() -> reader.array(b("[{\"a\":1}, null]"))).hasMessage("event [1]: expected a JSON object, got null");
        assertThatThrownBy(() -> reader.array(b("[{\"a\":1}"))).hasMessageStartingWith("event [1]:");
    }

    @Test
    void should_stamp_id_time_and_service_and_keep_the_clients_service() throws Exception {
        EventStamper stamper = new EventStamper("ingest-api");
        List<ObjectNode> events = reader.ndjson(b("{\"event\":\"login\",\"user_id\":42,\"ingest_id\":\"mine\"}\n{\"app\":\"shop\"}"));
        List<EventStamper.Stamped> stamped = stamper.stamp(events, Instant.parse("2026-11-22T20:30:00.123456Z"));

        String first = new String(stamped.get(0).value(), StandardCharsets.UTF_8);
        assertThat(first).isEqualTo("{\"event\":\"login\",\"user_id\":42,\"ingest_id\":\"" + stamped.get(0).id()
                + "\",\"received_at\":\"2026-11-22T20:30:00.123Z\",\"service\":\"ingest-api\"}");
        assertThat(new String(stamped.get(1).value(), StandardCharsets.UTF_8)).doesNotContain("\"service\"");
        assertThat(stamped.get(0).id()).isNotEqualTo(stamped.get(1).id());
    }

    @Test
    void should_make_time_ordered_version_7_ids() {
        var early = EventIds.next(1_000_000L);
        var late = EventIds.next(2_000_000L);
        assertThat(early.version()).isEqualTo(7);
        assertThat(early.variant()).isEqualTo(2);
        assertThat(early.toString()).isLessThan(late.toString());
        assertThat(early.getMostSignificantBits() >>> 16).isEqualTo(1_000_000L);
    }
}
