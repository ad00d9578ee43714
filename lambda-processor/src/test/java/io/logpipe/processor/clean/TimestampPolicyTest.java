package io.logpipe.processor.clean;

import static io.logpipe.processor.clean.TimestampParser.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampPolicyTest {

    private static final long TRANSPORT = Instant.parse("2025-07-08T00:12:01.782Z").toEpochMilli();
    private static final long DAY = Duration.ofDays(1).toMillis();

    private final TimestampPolicy policy = TimestampPolicy.DEFAULT;

    @Test
    void should_use_ten_years_past_and_one_day_future_when_default() {
        assertThat(policy.maxPastMillis()).isEqualTo(Duration.ofDays(3653).toMillis());
        assertThat(policy.maxFutureMillis()).isEqualTo(DAY);
    }

    @Test
    void should_choose_message_time_when_within_window() {
        long message = TRANSPORT - 5_000;
        assertThat(policy.plausible(message, TRANSPORT)).isTrue();
        assertThat(policy.choose(message, TRANSPORT)).isEqualTo(message);
        assertThat(policy.choose(TRANSPORT, TRANSPORT)).isEqualTo(TRANSPORT);
    }

    @Test
    void should_accept_bounds_inclusively_when_exactly_at_the_edges() {
        assertThat(policy.plausible(TRANSPORT + DAY, TRANSPORT)).isTrue();
        assertThat(policy.plausible(TRANSPORT - policy.maxPastMillis(), TRANSPORT)).isTrue();
        assertThat(policy.plausible(TRANSPORT + DAY + 1, TRANSPORT)).isFalse();
        assertThat(policy.plausible(TRANSPORT - policy.maxPastMillis() - 1, TRANSPORT)).isFalse();
    }

    @Test
    void should_choose_transport_when_message_time_is_implausible() {
        long epochSecondsReadAsMillis = 1_710_238_532L;  // January 1970
        long farFuture = Instant.parse("2999-01-01T00:00:00Z").toEpochMilli();
        assertThat(policy.choose(epochSecondsReadAsMillis, TRANSPORT)).isEqualTo(TRANSPORT);
        assertThat(policy.choose(farFuture, TRANSPORT)).isEqualTo(TRANSPORT);
        assertThat(policy.choose(TRANSPORT + 2 * DAY, TRANSPORT)).isEqualTo(TRANSPORT);
    }

    @Test
    void should_choose_transport_when_message_has_no_time() {
        assertThat(policy.plausible(NONE, TRANSPORT)).isFalse();
        assertThat(policy.choose(NONE, TRANSPORT)).isEqualTo(TRANSPORT);
    }

    @Test
    void should_choose_message_time_when_transport_is_unknown() {
        assertThat(policy.choose(TRANSPORT, NONE)).isEqualTo(TRANSPORT);
        assertThat(policy.choose(NONE, NONE)).isEqualTo(NONE);
    }

    @Test
    void should_not_overflow_when_values_are_extreme() {
        assertThat(policy.plausible(Long.MAX_VALUE, Long.MIN_VALUE + 1)).isFalse();
        assertThat(policy.plausible(Long.MIN_VALUE + 1, Long.MAX_VALUE)).isFalse();
        assertThat(policy.plausible(Long.MAX_VALUE, Long.MAX_VALUE - 1)).isTrue();
        TimestampPolicy unbounded = new TimestampPolicy(Long.MAX_VALUE, Long.MAX_VALUE);
        assertThat(unbounded.plausible(Long.MAX_VALUE, 0)).isTrue();
        assertThat(unbounded.plausible(Long.MIN_VALUE + 1, 0)).isTrue();
    }

    @Test
    void should_use_configured_window_when_constructed_with_durations() {
        TimestampPolicy strict = new TimestampPolicy(Duration.ofHours(1), Duration.ofMinutes(5));
        assertThat(strict.plausible(TRANSPORT - Duration.ofMinutes(59).toMillis(), TRANSPORT)).isTrue();
        assertThat(strict.plausible(TRANSPORT - Duration.ofMinutes(61).toMillis(), TRANSPORT)).isFalse();
        assertThat(strict.plausible(TRANSPORT + Duration.ofMinutes(6).toMillis(), TRANSPORT)).isFalse();
        assertThat(new TimestampPolicy(0, 0).plausible(TRANSPORT, TRANSPORT)).isTrue();
    }

    @Test
    void should_reject_configuration_when_bound_is_negative() {
        assertThatThrownBy(() -> new TimestampPolicy(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimestampPolicy(Duration.ZERO, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
