package io.logpipe.processor.dlq;

import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.FailureKind;
import io.logpipe.processor.model.Stage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.logpipe.processor.dlq.DeadLetterSamples.T0;
import static io.logpipe.processor.dlq.DeadLetterSamples.batch;
import static org.assertj.core.api.Assertions.assertThat;

class S3DeadLetterKeyTest {
    private static final Instant PROCESSED = Instant.parse("2024-03-12T10:15:33.002Z");

    @Test
    void should_partition_by_utc_date_and_hour_when_given_a_fixed_time() {
        String key = S3DeadLetterKey.of("dead-letter/", batch(T0), PROCESSED);

        assertThat(key).matches("dead-letter/dt=2024-03-12/hour=10/[0-9a-f]{16}\\.ndjson\\.gz");
    }

    @Test
    void should_zero_pad_the_hour_and_roll_the_date_at_utc_midnight() {
        assertThat(S3DeadLetterKey.of("p/", batch(T0), Instant.parse("2024-12-31T23:59:59.999Z")))
                .startsWith("p/dt=2024-12-31/hour=23/");
        assertThat(S3DeadLetterKey.of("p/", batch(T0), Instant.parse("2025-01-01T00:00:00Z")))
                .startsWith("p/dt=2025-01-01/hour=00/");
    }

    @Test
    void should_give_the_same_key_when_the_same_inputs_are_dead_lettered_again_later_in_the_hour() {
        String first = S3DeadLetterKey.of("dead-letter/", batch(T0), PROCESSED);
        String redelivered = S3DeadLetterKey.of("dead-letter/", batch(T0 + 1_800_000), PROCESSED.plusSeconds(1_800));

        assertThat(redelivered).isEqualTo(first);
    }

    @Test
    void should_change_the_hash_when_a_reason_changes() {
        List<DeadLetter> changed = new ArrayList<>(batch(T0));
        DeadLetter d = changed.getFirst();
        changed.set(0, new DeadLetter(d.time(), d.stage(), d.kind(), d.reason() + "!", d.eventId(), d.source(),
                d.original(), d.document(), d.events()));

        assertThat(S3DeadLetterKey.contentHash(changed)).isNotEqualTo(S3DeadLetterKey.contentHash(batch(T0)));
    }

    @Test
    void should_change_the_hash_when_an_event_id_changes() {
        List<DeadLetter> changed = new ArrayList<>(batch(T0));
        DeadLetter d = changed.getFirst();
        changed.set(0, new DeadLetter(d.time(), d.stage(), d.kind(), d.reason(), d.eventId() + "0", d.source(),
                d.original(), d.document(), d.events()));

        assertThat(S3DeadLetterKey.contentHash(changed)).isNotEqualTo(S3DeadLetterKey.contentHash(batch(T0)));
    }

    @Test
    void should_change_the_hash_when_the_original_of_a_payload_without_event_id_changes() {
        DeadLetter a = DeadLetter.ofPayload(Stage.DECODE, FailureKind.BAD_GZIP, "truncated", "{\"awslogs\":1}");
        DeadLetter b = DeadLetter.ofPayload(Stage.DECODE, FailureKind.BAD_GZIP, "truncated", "{\"awslogs\":2}");

        assertThat(S3DeadLetterKey.contentHash(List.of(a))).isNotEqualTo(S3DeadLetterKey.contentHash(List.of(b)));
    }

    @Test
    void should_change_the_hash_when_a_record_is_added() {
        List<DeadLetter> more = new ArrayList<>(batch(T0));
        more.add(DeadLetter.ofPayload(Stage.DECODE, FailureKind.BAD_BASE64, "not base64", "@@@"));

        assertThat(S3DeadLetterKey.contentHash(more)).isNotEqualTo(S3DeadLetterKey.contentHash(batch(T0)));
    }

    @Test
    void should_not_confuse_an_event_id_with_an_original_of_the_same_text() {
        DeadLetter byId = new DeadLetter(T0, Stage.PARSE, FailureKind.MALFORMED_EVENT, "r", "x", null, "y", null, 1);
        DeadLetter byOriginal = new DeadLetter(T0, Stage.PARSE, FailureKind.MALFORMED_EVENT, "r", null, null, "x",
                null, 1);

        assertThat(S3DeadLetterKey.contentHash(List.of(byId)))
                .isNotEqualTo(S3DeadLetterKey.contentHash(List.of(byOriginal)));
    }

    @Test
    void should_not_confuse_field_boundaries_when_text_moves_between_id_and_reason() {
        DeadLetter a = new DeadLetter(T0, Stage.PARSE, FailureKind.MALFORMED_EVENT, "bc", "a", null, null, null, 1);
        DeadLetter b = new DeadLetter(T0, Stage.PARSE, FailureKind.MALFORMED_EVENT, "c", "ab", null, null, null, 1);

        assertThat(S3DeadLetterKey.contentHash(List.of(a))).isNotEqualTo(S3DeadLetterKey.contentHash(List.of(b)));
    }

    @Test
    void should_be_sixteen_lowercase_hex_digits_when_nothing_identifies_a_record() {
        DeadLetter bare = new DeadLetter(T0, Stage.DECODE, FailureKind.INPUT_TOO_LARGE, "too large", null, null,
                null, null, 0);

        assertThat(S3DeadLetterKey.contentHash(List.of(bare))).matches("[0-9a-f]{16}");
    }
}
