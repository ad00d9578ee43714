package io.logpipe.processor.sink.archive;

import io.logpipe.processor.aws.AwsClientSettings;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.FailureKind;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.model.Stage;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.DocumentEncoder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static io.logpipe.processor.sink.archive.ArchiveSamples.document;
import static io.logpipe.processor.sink.archive.ArchiveSamples.documents;
import static io.logpipe.processor.sink.archive.ArchiveSamples.encoded;
import static io.logpipe.processor.sink.archive.ArchiveSamples.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Batching and the retry of failed records only, against a scripted PutRecordBatch. */
class FirehoseArchiveSinkTest {
    private static final FirehoseArchiveConfig CONFIG =
            FirehoseArchiveConfig.of("logpipe-lake", AwsClientSettings.of("eu-west-1", null));

    private final ScriptedFirehose firehose = new ScriptedFirehose();
    private final List<Long> sleeps = new ArrayList<>();

    @Test
    void should_send_each_document_as_one_newline_terminated_json_record_when_archiving() throws Exception {
        List<LogEvent> docs = documents("e", "orders", "2024-03-12T10:15:32Z", 3);

        ArchiveResult result = sink(CONFIG).archive(docs, Deadline.none());

        assertThat(result).isEqualTo(new ArchiveResult(3, List.of()));
        assertThat(firehose.requests).singleElement().satisfies(r -> assertThat(r.deliveryStreamName()).isEqualTo("logpipe-lake"));
        List<String> records = firehose.calls.getFirst();
        assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r).endsWith("}\n").doesNotContain("}\n{"));
        for (int i = 0; i < 3; i++) {
            assertThat(tree(records.get(i))).isEqualTo(encoded(docs.get(i)));
        }
    }

    @Test
    void should_resend_only_the_failed_records_when_firehose_reports_some_failed() throws Exception {
        List<LogEvent> docs = documents("e", "orders", "2024-03-12T10:15:32Z", 5);
        firehose.script.add(failing(Set.of(1, 3), "ServiceUnavailableException"));

        ArchiveResult result = sink(CONFIG).archive(docs, Deadline.none());

        assertThat(result.archived()).isEqualTo(5);
        assertThat(firehose.calls).hasSize(2);
        assertThat(firehose.calls.get(1)).containsExactly(firehose.calls.get(0).get(1), firehose.calls.get(0).get(3));
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void should_back_off_exponentially_up_to_the_cap_when_retrying_again_and_again() throws Exception {
        FirehoseArchiveConfig config = CONFIG.withRetries(5, Duration.ofMillis(100), Duration.ofMillis(300));
        for (int i = 0; i < 4; i++) {
            firehose.script.add(failing(Set.of(0), "InternalFailure"));
        }

        ArchiveResult result = sink(config).archive(documents("e", "orders", "2024-03-12T10:15:32Z", 2), Deadline.none());

        assertThat(result.archived()).isEqualTo(2);
        assertThat(firehose.calls).extracting(List::size).containsExactly(2, 1, 1, 1, 1);
        assertThat(sleeps).containsExactly(100L, 200L, 300L, 300L);   // jitter is pinned to the ceiling here
    }

    @Test
    void should_throw_with_counts_and_error_codes_when_records_still_fail_after_the_last_attempt() {
        FirehoseArchiveConfig config = CONFIG.withRetries(3, Duration.ofMillis(10), Duration.ofMillis(10));
        for (int i = 0; i < 3; i++) {
            firehose.script.add(failing(Set.of(0, 1), "ServiceUnavailableException"));
        }
        List<LogEvent> docs = documents("secret-bearing", "orders", "2024-03-12T10:15:32Z", 5);

        assertThatThrownBy(() -> sink(config).archive(docs, Deadline.none()))
                .asInstanceOf(type(ArchiveUnavailableException.class))
                .satisfies(e -> {
                    assertThat(e.archived()).isEqualTo(3);
                    assertThat(e.notArchived()).isEqualTo(2);
                    assertThat(e).hasMessageContaining("logpipe-lake")
                            .hasMessageContaining("2 of 5 records still failed after 3 attempts")
                            .hasMessageContaining("ServiceUnavailableException x2")
                            .hasMessageNotContaining("request 0 served");
                });
        assertThat(firehose.calls).extracting(List::size).containsExactly(5, 2, 2);
    }

    @Test
    void should_not_retry_when_the_deadline_leaves_no_time_for_another_call() {
        firehose.script.add(failing(Set.of(0), "ServiceUnavailableException"));
        Deadline almostOver = () -> 500;

        assertThatThrownBy(() -> sink(CONFIG).archive(documents("e", "orders", "2024-03-12T10:15:32Z", 2), almostOver))
                .isInstanceOf(ArchiveUnavailableException.class)
                .hasMessageContaining("1 of 2 records still failed after 1 attempt");
        assertThat(firehose.calls).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void should_bound_the_call_by_the_deadline_when_little_time_is_left() throws Exception {
        sink(CONFIG).archive(documents("e", "orders", "2024-03-12T10:15:32Z", 1), () -> 1_500);

        assertThat(firehose.requests.getFirst().overrideConfiguration().orElseThrow().apiCallTimeout())
                .hasValue(Duration.ofMillis(1_500));
    }

    @Test
    void should_throw_at_once_when_the_deadline_has_passed() {
        assertThatThrownBy(() -> sink(CONFIG).archive(documents("e", "orders", "2024-03-12T10:15:32Z", 2), () -> 0))
                .isInstanceOf(ArchiveUnavailableException.class)
                .hasMessageContaining("no time left");
        assertThat(firehose.calls).isEmpty();
    }

    @Test
    void should_throw_without_retrying_itself_when_the_whole_call_fails() {
        SdkClientException down = SdkClientException.create("Unable to execute HTTP request: Connection refused");
        firehose.script.add(records -> {
            throw down;
        });

        assertThatThrownBy(() -> sink(CONFIG).archive(documents("e", "orders", "2024-03-12T10:15:32Z", 2), Deadline.none()))
                .isInstanceOf(ArchiveUnavailableException.class)
                .hasMessageContaining("PutRecordBatch of 2 records failed")
                .hasCause(down);
        assertThat(firehose.calls).hasSize(1);
    }

    @Test
    void should_split_calls_at_500_records_when_the_batch_is_larger() throws Exception {
        ArchiveResult result = sink(CONFIG).archive(documents("e", "orders", "2024-03-12T10:15:32Z", 1_201),
                Deadline.none());

        assertThat(result.archived()).isEqualTo(1_201);
        assertThat(firehose.calls).extracting(List::size).containsExactly(500, 500, 201);
    }

    @Test
    void should_split_calls_by_bytes_when_the_records_exceed_the_call_limit() throws Exception {
        List<LogEvent> docs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {      // all the same size
            docs.add(document("e-%03d".formatted(i), "orders", "2024-03-12T10:15:32Z", "request %03d served".formatted(i)));
        }
        int recordBytes = firehoseRecordBytes(docs.getFirst());
        FirehoseArchiveConfig config = CONFIG.withBatchLimits(500, 10L * recordBytes + 5, recordBytes + 50);

        sink(config).archive(docs, Deadline.none());

        assertThat(firehose.calls).extracting(List::size).containsExactly(10, 10, 10, 10);
    }

    @Test
    void should_count_earlier_calls_as_archived_when_a_later_call_fails() {
        firehose.script.add(ok());
        firehose.script.add(records -> {
            throw SdkClientException.create("timeout");
        });

        assertThatThrownBy(() -> sink(CONFIG).archive(documents("e", "orders", "2024-03-12T10:15:32Z", 600), Deadline.none()))
                .asInstanceOf(type(ArchiveUnavailableException.class))
                .satisfies(e -> {
                    assertThat(e.archived()).isEqualTo(500);
                    assertThat(e.notArchived()).isEqualTo(100);
                });
    }

    @Test
    void should_dead_letter_the_document_instead_of_sending_it_when_it_exceeds_the_record_limit() throws Exception {
        LogEvent huge = document("big", "orders", "2024-03-12T10:15:32Z", "x".repeat(3_000));
        List<LogEvent> docs = List.of(document("a", "orders", "2024-03-12T10:15:32Z", "small"), huge);
        FirehoseArchiveConfig config = CONFIG.withBatchLimits(500, 4L << 20, 2_048);

        ArchiveResult result = sink(config).archive(docs, Deadline.none());

        assertThat(result.archived()).isEqualTo(1);
        assertThat(firehose.calls.getFirst()).hasSize(1);
        DeadLetter letter = result.rejected().getFirst();
        assertThat(result.rejected()).hasSize(1);
        assertThat(letter.eventId()).isEqualTo("big");
        assertThat(letter.kind()).isEqualTo(FailureKind.DOCUMENT_REJECTED);
        assertThat(letter.reason()).contains("record limit is 2048 bytes");
        assertThat(tree(letter.document())).isEqualTo(encoded(huge));
    }

    @Test
    void should_dead_letter_a_document_that_cannot_be_serialised_and_send_the_rest() throws Exception {
        LogEvent broken = document("broken", "orders", "2024-03-12T10:15:32Z", "no level");
        broken.level = null;

        ArchiveResult result = sink(CONFIG).archive(
                List.of(broken, document("ok", "orders", "2024-03-12T10:15:33Z", "fine")), Deadline.none());

        assertThat(result.archived()).isEqualTo(1);
        assertThat(result.rejected()).singleElement().satisfies(d -> {
            assertThat(d.stage()).isEqualTo(Stage.SERIALIZE);
            assertThat(d.eventId()).isEqualTo("broken");
        });
    }

    @Test
    void should_resend_the_whole_call_when_the_response_does_not_say_which_records_failed() throws Exception {
        firehose.script.add(records -> PutRecordBatchResponse.builder().failedPutCount(1).requestResponses(List.of()).build());

        sink(CONFIG).archive(documents("e", "orders", "2024-03-12T10:15:32Z", 3), Deadline.none());

        assertThat(firehose.calls).extracting(List::size).containsExactly(3, 3);
    }

    @Test
    void should_call_nothing_when_there_are_no_documents() throws Exception {
        assertThat(sink(CONFIG).archive(List.of(), Deadline.none())).isEqualTo(new ArchiveResult(0, List.of()));
        assertThat(firehose.calls).isEmpty();
    }

    private FirehoseArchiveSink sink(FirehoseArchiveConfig config) {
        return new FirehoseArchiveSink(config, firehose, sleeps::add, ceiling -> ceiling, () -> { });
    }

    private static int firehoseRecordBytes(LogEvent e) {
        DocumentEncoder encoder = new DocumentEncoder();
        encoder.encode(e);
        return encoder.size() + 1;
    }

    private static Function<List<String>, PutRecordBatchResponse> ok() {
        return records -> respond(records.size(), Set.of(), null);
    }

    private static Function<List<String>, PutRecordBatchResponse> failing(Set<Integer> indexes, String code) {
        return records -> respond(records.size(), indexes, code);
    }

    private static PutRecordBatchResponse respond(int n, Set<Integer> failed, String code) {
        List<PutRecordBatchResponseEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            entries.add(failed.contains(i)
                    ? PutRecordBatchResponseEntry.builder().errorCode(code).errorMessage("Slow down.").build()
                    : PutRecordBatchResponseEntry.builder().recordId("rec-" + i).build());
        }
        return PutRecordBatchResponse.builder().failedPutCount(failed.size()).requestResponses(entries).build();
    }

    /** Records each call's record data; answers from the script, then with success. */
    private static final class ScriptedFirehose implements FirehoseBatchApi {
        final List<PutRecordBatchRequest> requests = new ArrayList<>();
        final List<List<String>> calls = new ArrayList<>();
        final Deque<Function<List<String>, PutRecordBatchResponse>> script = new ArrayDeque<>();

        @Override
        public PutRecordBatchResponse putRecordBatch(PutRecordBatchRequest request) {
            List<String> records = request.records().stream().map(r -> r.data().asUtf8String()).toList();
            requests.add(request);
            calls.add(records);
            return (script.isEmpty() ? ok() : script.poll()).apply(records);
        }
    }
}
