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

import java.nio.charset.StandardCharsets;
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
import static io.logpipe.processor.sink.archive.ArchiveSamples.lines;
import static io.logpipe.processor.sink.archive.ArchiveSamples.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Packing documents into records, batching, and the retry of failed records only, against a scripted PutRecordBatch. */
class FirehoseArchiveSinkTest {
    private static final FirehoseArchiveConfig CONFIG =
            FirehoseArchiveConfig.of("logpipe-lake", AwsClientSettings.of("eu-west-1", null));
    /** One document per record: the retry and batching rules are then visible per document. */
    private static final FirehoseArchiveConfig SINGLES = CONFIG.withRecordDocuments(1);

    private final ScriptedFirehose firehose = new ScriptedFirehose();
    private final List<Long> sleeps = new ArrayList<>();

    @Test
    void should_pack_the_documents_into_one_record_of_newline_terminated_json_lines_when_archiving() throws Exception {
        List<LogEvent> docs = documents("e", "orders", "2024-03-12T10:15:32Z", 3);

        ArchiveResult result = sink(CONFIG).archive(docs, Deadline.none());

        assertThat(result).isEqualTo(new ArchiveResult(3, List.of()));
        assertThat(firehose.requests).singleElement().satisfies(r -> assertThat(r.deliveryStreamName()).isEqualTo("logpipe-lake"));
        List<String> records = firehose.calls.getFirst();
        assertThat(records).singleElement().satisfies(r -> assertThat(r).endsWith("}\n"));
        List<String> lines = lines(records.getFirst());
        assertThat(lines).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(tree(lines.get(i))).isEqualTo(encoded(docs.get(i)));
        }
    }

    @Test
    void should_pack_documents_of_different_partitions_together_when_firehose_partitions_after_de_aggregation()
            throws Exception {
        List<LogEvent> docs = new ArrayList<>(documents("o", "orders", "2024-03-12T10:15:32Z", 2));
        docs.addAll(documents("p", "payments", "2024-03-13T23:59:59Z", 2));

        sink(CONFIG).archive(docs, Deadline.none());

        assertThat(firehose.calls).singleElement().satisfies(records -> assertThat(records).singleElement()
                .satisfies(r -> assertThat(lines(r)).extracting(l -> tree(l).at("/event/id").asText())
                        .containsExactly("o-0", "o-1", "p-0", "p-1")));
    }

    @Test
    void should_start_a_new_record_at_500_documents_when_the_batch_is_larger() throws Exception {
        List<LogEvent> docs = documents("e", "orders", "2024-03-12T10:15:32Z", 1_201);

        ArchiveResult result = sink(CONFIG).archive(docs, Deadline.none());

        assertThat(result.archived()).isEqualTo(1_201);
        assertThat(firehose.calls).singleElement().satisfies(records ->
                assertThat(records).extracting(r -> lines(r).size()).containsExactly(500, 500, 201));
        assertThat(allLines()).extracting(l -> tree(l).at("/event/id").asText())
                .containsExactlyElementsOf(docs.stream().map(d -> d.raw.id()).toList());
    }

    @Test
    void should_start_a_new_record_before_it_would_exceed_the_record_byte_limit() throws Exception {
        List<LogEvent> docs = sameSize(20);
        int docBytes = firehoseRecordBytes(docs.getFirst());
        FirehoseArchiveConfig config = CONFIG.withBatchLimits(500, 4L << 20, 3 * docBytes + docBytes / 2);

        ArchiveResult result = sink(config).archive(docs, Deadline.none());

        assertThat(result.archived()).isEqualTo(20);
        List<String> records = firehose.calls.getFirst();
        assertThat(records).extracting(r -> lines(r).size()).containsExactly(3, 3, 3, 3, 3, 3, 2);
        assertThat(records).allSatisfy(r -> assertThat(r.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(config.maxRecordBytes()));
        assertThat(allLines()).hasSize(20);
    }

    @Test
    void should_send_a_document_alone_when_it_fits_a_record_only_by_itself() throws Exception {
        LogEvent big = document("big", "orders", "2024-03-12T10:15:33Z", "x".repeat(1_500));
        List<LogEvent> docs = List.of(document("a", "orders", "2024-03-12T10:15:32Z", "small"), big,
                document("b", "orders", "2024-03-12T10:15:34Z", "small"));
        FirehoseArchiveConfig config = CONFIG.withBatchLimits(500, 4L << 20, firehoseRecordBytes(big) + 100);

        ArchiveResult result = sink(config).archive(docs, Deadline.none());

        assertThat(result).isEqualTo(new ArchiveResult(3, List.of()));
        assertThat(firehose.calls.getFirst()).extracting(r -> lines(r).stream()
                .map(l -> tree(l).at("/event/id").asText()).toList())
                .containsExactly(List.of("a"), List.of("big"), List.of("b"));
    }

    @Test
    void should_resend_only_the_failed_records_whole_when_firehose_reports_some_failed() throws Exception {
        List<LogEvent> docs = documents("e", "orders", "2024-03-12T10:15:32Z", 5);
        firehose.script.add(failing(Set.of(1), "ServiceUnavailableException"));

        ArchiveResult result = sink(CONFIG.withRecordDocuments(2)).archive(docs, Deadline.none());

        assertThat(result.archived()).isEqualTo(5);
        assertThat(firehose.calls).hasSize(2);
        assertThat(firehose.calls.get(0)).extracting(r -> lines(r).size()).containsExactly(2, 2, 1);
        // exactly the failed record's documents, byte for byte: none lost, none of the accepted ones sent twice
        assertThat(firehose.calls.get(1)).containsExactly(firehose.calls.get(0).get(1));
        assertThat(sleeps).hasSize(1);
        List<String> delivered = new ArrayList<>();
        for (int c = 0; c < firehose.calls.size(); c++) {
            for (int r = 0; r < firehose.calls.get(c).size(); r++) {
                if (!(c == 0 && r == 1)) {
                    delivered.addAll(lines(firehose.calls.get(c).get(r)));
                }
            }
        }
        assertThat(delivered).extracting(l -> tree(l).at("/event/id").asText())
                .containsExactlyInAnyOrder("e-0", "e-1", "e-2", "e-3", "e-4");
    }

    @Test
    void should_back_off_exponentially_up_to_the_cap_when_retrying_again_and_again() throws Exception {
        FirehoseArchiveConfig config = SINGLES.withRetries(5, Duration.ofMillis(100), Duration.ofMillis(300));
        for (int i = 0; i < 4; i++) {
            firehose.script.add(failing(Set.of(0), "InternalFailure"));
        }

        ArchiveResult result = sink(config).archive(documents("e", "orders", "2024-03-12T10:15:32Z", 2), Deadline.none());

        assertThat(result.archived()).isEqualTo(2);
        assertThat(firehose.calls).extracting(List::size).containsExactly(2, 1, 1, 1, 1);
        assertThat(sleeps).containsExactly(100L, 200L, 300L, 300L);   // jitter is pinned to the ceiling here
    }

    @Test
    void should_throw_with_document_counts_and_error_codes_when_records_still_fail_after_the_last_attempt() {
        FirehoseArchiveConfig config = CONFIG.withRecordDocuments(2).withRetries(3, Duration.ofMillis(10), Duration.ofMillis(10));
        for (int i = 0; i < 3; i++) {
            firehose.script.add(failing(Set.of(0, 1), "ServiceUnavailableException"));
        }
        List<LogEvent> docs = documents("secret-bearing", "orders", "2024-03-12T10:15:32Z", 5);

        assertThatThrownBy(() -> sink(config).archive(docs, Deadline.none()))
                .asInstanceOf(type(ArchiveUnavailableException.class))
                .satisfies(e -> {
                    // records [2, 2, 1]: the first two (4 documents) failed every time
                    assertThat(e.archived()).isEqualTo(1);
                    assertThat(e.notArchived()).isEqualTo(4);
                    assertThat(e).hasMessageContaining("logpipe-lake")
                            .hasMessageContaining("2 of 3 records (4 of 5 documents) still failed after 3 attempts")
                            .hasMessageContaining("ServiceUnavailableException x2")
                            .hasMessageNotContaining("request 0 served");
                });
        assertThat(firehose.calls).extracting(List::size).containsExactly(3, 2, 2);
    }

    @Test
    void should_not_retry_when_the_deadline_leaves_no_time_for_another_call() {
        firehose.script.add(failing(Set.of(0), "ServiceUnavailableException"));
        Deadline almostOver = () -> 500;

        assertThatThrownBy(() -> sink(SINGLES).archive(documents("e", "orders", "2024-03-12T10:15:32Z", 2), almostOver))
                .isInstanceOf(ArchiveUnavailableException.class)
                .hasMessageContaining("1 of 2 records (1 of 2 documents) still failed after 1 attempt");
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
                .hasMessageContaining("no time left to send 1 record (2 documents)");
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
                .hasMessageContaining("PutRecordBatch of 1 record (2 documents) failed")
                .hasCause(down);
        assertThat(firehose.calls).hasSize(1);
    }

    @Test
    void should_split_calls_at_500_records_when_the_batch_has_more() throws Exception {
        ArchiveResult result = sink(SINGLES).archive(documents("e", "orders", "2024-03-12T10:15:32Z", 1_201),
                Deadline.none());

        assertThat(result.archived()).isEqualTo(1_201);
        assertThat(firehose.calls).extracting(List::size).containsExactly(500, 500, 201);
    }

    @Test
    void should_split_calls_by_bytes_when_the_records_exceed_the_call_limit() throws Exception {
        List<LogEvent> docs = sameSize(40);
        int docBytes = firehoseRecordBytes(docs.getFirst());
        // records of 2 documents; 5 such records (10 documents) per call
        FirehoseArchiveConfig config = CONFIG.withBatchLimits(500, 10L * docBytes + 5, 2 * docBytes);

        sink(config).archive(docs, Deadline.none());

        assertThat(firehose.calls).extracting(List::size).containsExactly(5, 5, 5, 5);
        assertThat(firehose.calls).allSatisfy(records -> {
            assertThat(records).allSatisfy(r -> assertThat(lines(r)).hasSize(2));
            assertThat(records.stream().mapToInt(r -> r.getBytes(StandardCharsets.UTF_8).length).sum())
                    .isLessThanOrEqualTo((int) config.maxBatchBytes());
        });
    }

    @Test
    void should_count_earlier_calls_as_archived_when_a_later_call_fails() {
        firehose.script.add(ok());
        firehose.script.add(records -> {
            throw SdkClientException.create("timeout");
        });

        assertThatThrownBy(() -> sink(SINGLES).archive(documents("e", "orders", "2024-03-12T10:15:32Z", 600), Deadline.none()))
                .asInstanceOf(type(ArchiveUnavailableException.class))
                .satisfies(e -> {
                    assertThat(e.archived()).isEqualTo(500);
                    assertThat(e.notArchived()).isEqualTo(100);
                });
    }

    @Test
    void should_count_documents_not_records_when_a_later_call_of_packed_records_fails() {
        List<LogEvent> docs = sameSize(12);
        int docBytes = firehoseRecordBytes(docs.getFirst());
        // records of 3 documents, 2 records per call: calls of 6 documents
        FirehoseArchiveConfig config = CONFIG.withBatchLimits(2, 4L << 20, 3 * docBytes);
        firehose.script.add(ok());
        firehose.script.add(records -> {
            throw SdkClientException.create("timeout");
        });

        assertThatThrownBy(() -> sink(config).archive(docs, Deadline.none()))
                .asInstanceOf(type(ArchiveUnavailableException.class))
                .satisfies(e -> {
                    assertThat(e.archived()).isEqualTo(6);
                    assertThat(e.notArchived()).isEqualTo(6);
                    assertThat(e).hasMessageContaining("PutRecordBatch of 2 records (6 documents) failed");
                });
    }

    @Test
    void should_dead_letter_the_document_instead_of_sending_it_when_it_exceeds_the_record_limit() throws Exception {
        LogEvent huge = document("big", "orders", "2024-03-12T10:15:32Z", "x".repeat(3_000));
        List<LogEvent> docs = List.of(document("a", "orders", "2024-03-12T10:15:32Z", "small"), huge,
                document("b", "orders", "2024-03-12T10:15:33Z", "small"));
        FirehoseArchiveConfig config = CONFIG.withBatchLimits(500, 4L << 20, 2_048);

        ArchiveResult result = sink(config).archive(docs, Deadline.none());

        assertThat(result.archived()).isEqualTo(2);
        assertThat(firehose.calls.getFirst()).singleElement().satisfies(r -> assertThat(lines(r))
                .extracting(l -> tree(l).at("/event/id").asText()).containsExactly("a", "b"));
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

        sink(SINGLES).archive(documents("e", "orders", "2024-03-12T10:15:32Z", 3), Deadline.none());

        assertThat(firehose.calls).extracting(List::size).containsExactly(3, 3);
    }

    @Test
    void should_call_nothing_when_there_are_no_documents() throws Exception {
        assertThat(sink(CONFIG).archive(List.of(), Deadline.none())).isEqualTo(new ArchiveResult(0, List.of()));
        assertThat(firehose.calls).isEmpty();
    }

    /** Every line of every record sent, in order (all calls succeeded). */
    private List<String> allLines() {
        return firehose.calls.stream().flatMap(List::stream).flatMap(r -> lines(r).stream()).toList();
    }

    /** {@code count} documents whose JSON has the same length. */
    private static List<LogEvent> sameSize(int count) {
        List<LogEvent> docs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            docs.add(document("e-%03d".formatted(i), "orders", "2024-03-12T10:15:32Z", "request %03d served".formatted(i)));
        }
        return docs;
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
