package io.logpipe.processor.sink.opensearch.bulk;

import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.model.RawLogRecord;
import io.logpipe.processor.model.SourceContext;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.SinkUnavailableException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BulkWriterTest {

    /** A sender that answers from a script and records the ids of every request it received. */
    private static final class ScriptedSender implements BulkSender {
        interface Step {
            BulkResponse answer(BulkRequest request) throws IOException;
        }

        final Deque<Step> script = new ArrayDeque<>();
        final List<List<String>> requests = new ArrayList<>();

        ScriptedSender then(Step step) {
            script.add(step);
            return this;
        }

        @Override
        public BulkResponse send(BulkRequest request) throws IOException {
            requests.add(request.items().stream().map(i -> i.event().raw.id()).toList());
            Step step = script.isEmpty() ? r -> statuses(r, 201) : script.poll();
            return step.answer(request);
        }
    }

    private final List<Long> sleeps = new ArrayList<>();

    private static BulkResponse statuses(BulkRequest r, int... perItem) {
        List<BulkResponse.Item> items = new ArrayList<>();
        for (int i = 0; i < r.items().size(); i++) {
            int status = perItem.length == 1 ? perItem[0] : perItem[i];
            items.add(status < 300 ? new BulkResponse.Item(status, null, null)
                    : new BulkResponse.Item(status, status == 400 ? "mapper_parsing_exception" : "unavailable", "scripted"));
        }
        return new BulkResponse(200, items, null);
    }

    private static List<BulkItem> items(int n) {
        List<BulkItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RawLogRecord raw = new RawLogRecord("id-" + i, 1L, "m", SourceContext.cloudWatch("1", "/g", "s"));
            byte[] doc = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            byte[] action = ("{\"create\":{\"_id\":\"id-" + i + "\"}}\n").getBytes(StandardCharsets.UTF_8);
            items.add(new BulkItem(new LogEvent(raw), doc, action));
        }
        return items;
    }

    private BulkWriter writer(ScriptedSender sender, int attempts, int maxBytes, int maxDocs) {
        RetryPolicy retry = new RetryPolicy(attempts, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(1),
                ceiling -> ceiling);                          // deterministic "jitter": always the ceiling
        return new BulkWriter(sender, new BulkBatcher(maxBytes, maxDocs), retry, sleeps::add);
    }

    @Test
    void should_create_everything_in_one_request_when_the_cluster_accepts_all() throws Exception {
        ScriptedSender sender = new ScriptedSender();

        BulkWriter.Outcome outcome = writer(sender, 3, 1 << 20, 1000).write(items(5), Deadline.none());

        assertThat(outcome.created()).isEqualTo(5);
        assertThat(outcome.rejected()).isEmpty();
        assertThat(sender.requests).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void should_resend_only_the_failed_items_when_a_bulk_partly_fails() throws Exception {
        ScriptedSender sender = new ScriptedSender().then(r -> statuses(r, 201, 503, 201, 429, 201));

        BulkWriter.Outcome outcome = writer(sender, 3, 1 << 20, 1000).write(items(5), Deadline.none());

        assertThat(outcome.created()).isEqualTo(5);
        assertThat(sender.requests).containsExactly(List.of("id-0", "id-1", "id-2", "id-3", "id-4"), List.of("id-1", "id-3"));
        assertThat(sleeps).containsExactly(100L);
    }

    @Test
    void should_count_409_as_written_when_a_redelivered_document_already_exists() throws Exception {
        ScriptedSender sender = new ScriptedSender().then(r -> statuses(r, 409, 201, 409));

        BulkWriter.Outcome outcome = writer(sender, 3, 1 << 20, 1000).write(items(3), Deadline.none());

        assertThat(outcome.created()).isEqualTo(1);
        assertThat(outcome.duplicates()).isEqualTo(2);
        assertThat(sender.requests).hasSize(1);
    }

    @Test
    void should_reject_without_retrying_when_an_item_fails_with_400() throws Exception {
        ScriptedSender sender = new ScriptedSender().then(r -> statuses(r, 201, 400));

        BulkWriter.Outcome outcome = writer(sender, 3, 1 << 20, 1000).write(items(2), Deadline.none());

        assertThat(outcome.created()).isEqualTo(1);
        assertThat(outcome.rejected()).singleElement().satisfies(item -> {
            assertThat(item.event().raw.id()).isEqualTo("id-1");
            assertThat(item.lastError()).contains("400").contains("mapper_parsing_exception");
        });
        assertThat(sender.requests).hasSize(1);
    }

    @Test
    void should_retry_whole_requests_when_the_connection_resets_or_the_cluster_answers_5xx() throws Exception {
        ScriptedSender sender = new ScriptedSender()
                .then(r -> { throw new SocketException("Connection reset"); })
                .then(r -> BulkResponse.failed(503, "unavailable"))
                .then(r -> BulkResponse.failed(429, "too many requests"));

        BulkWriter.Outcome outcome = writer(sender, 5, 1 << 20, 1000).write(items(4), Deadline.none());

        assertThat(outcome.created()).isEqualTo(4);
        assertThat(sender.requests).hasSize(4);
        assertThat(sleeps).containsExactly(100L, 200L, 400L);    // exponential: initial * 2^(attempt-1)
    }

    @Test
    void should_fail_loudly_naming_written_and_unwritten_when_attempts_run_out() {
        ScriptedSender sender = new ScriptedSender();
        for (int i = 0; i < 3; i++) {
            sender.then(r -> statuses(r, 201, 503, 503));
        }
        sender.script.clear();
        sender.then(r -> statuses(r, 201, 503, 503)).then(r -> statuses(r, 503, 503)).then(r -> statuses(r, 503, 503));

        assertThatThrownBy(() -> writer(sender, 3, 1 << 20, 1000).write(items(3), Deadline.none()))
                .isInstanceOfSatisfying(SinkUnavailableException.class, e -> {
                    assertThat(e.written()).isEqualTo(1);
                    assertThat(e.notWritten()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("3 attempts").contains("503");
                });
    }

    @Test
    void should_stop_retrying_when_the_deadline_leaves_no_room_for_another_request() {
        ScriptedSender sender = new ScriptedSender().then(r -> BulkResponse.failed(503, "down"));

        assertThatThrownBy(() -> writer(sender, 10, 1 << 20, 1000).write(items(2), () -> 500L))
                .isInstanceOf(SinkUnavailableException.class);
        assertThat(sender.requests).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void should_split_requests_by_bytes_and_by_count_when_limits_are_small() throws Exception {
        ScriptedSender byCount = new ScriptedSender();
        writer(byCount, 1, 1 << 20, 2).write(items(5), Deadline.none());
        assertThat(byCount.requests).extracting(List::size).containsExactly(2, 2, 1);

        ScriptedSender byBytes = new ScriptedSender();
        int oneItem = items(1).getFirst().documentBytes().length + "{\"create\":{\"_id\":\"id-0\"}}\n".length() + 1;
        writer(byBytes, 1, oneItem * 3, 1000).write(items(7), Deadline.none());
        assertThat(byBytes.requests).extracting(List::size).containsExactly(3, 3, 1);
    }

    @Test
    void should_dead_letter_every_item_when_the_whole_request_is_rejected_with_400() throws Exception {
        ScriptedSender sender = new ScriptedSender().then(r -> BulkResponse.failed(400, "illegal_argument_exception"));

        BulkWriter.Outcome outcome = writer(sender, 3, 1 << 20, 1000).write(items(2), Deadline.none());

        assertThat(outcome.rejected()).hasSize(2);
        assertThat(outcome.rejected().getFirst().lastError()).contains("HTTP 400");
    }

    @Test
    void should_retry_not_reject_when_credentials_are_refused() {
        ScriptedSender sender = new ScriptedSender().then(r -> BulkResponse.failed(403, "forbidden"))
                .then(r -> BulkResponse.failed(403, "forbidden"));

        assertThatThrownBy(() -> writer(sender, 2, 1 << 20, 1000).write(items(2), Deadline.none()))
                .isInstanceOf(SinkUnavailableException.class).hasMessageContaining("403");
    }
}
