package io.logpipe.processor.clean;

import java.time.Duration;

/**
 * Decides whether the time found in a message can be trusted, relative to the transport time
 * (CloudWatch event timestamp or Kafka record timestamp), which is always present and close
 * to the real emit time. A message time is plausible when it lies in
 * {@code [transport - maxPastMillis, transport + maxFutureMillis]}; otherwise it is most likely
 * a misparse (a number mistaken for an epoch, a wrong unit, a local time without zone far off)
 * and the transport time is used instead.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxPastMillis how far before the transport time a message time may be (≥ 0)
 * @param maxFutureMillis how far after the transport time a message time may be (≥ 0)
 */
public record TimestampPolicy(long maxPastMillis, long maxFutureMillis) {

    /** 10 years (3653 days, leap days included): replays and late backfills stay accepted. */
    public static final long DEFAULT_MAX_PAST_MILLIS = Duration.ofDays(3653).toMillis();
    /** 1 day: covers clock skew and zone mistakes of a few hours, not wrong units. */
    public static final long DEFAULT_MAX_FUTURE_MILLIS = Duration.ofDays(1).toMillis();

    /** 10 years past, 1 day future. */
    public static final TimestampPolicy DEFAULT =
            new TimestampPolicy(DEFAULT_MAX_PAST_MILLIS, DEFAULT_MAX_FUTURE_MILLIS);

    /** @throws IllegalArgumentException if a bound is negative */
    public TimestampPolicy {
        if (maxPastMillis < 0 || maxFutureMillis < 0) {
            throw new IllegalArgumentException(
                    "bounds must be >= 0: past=" + maxPastMillis + " future=" + maxFutureMillis);
        }
    }

    /** Convenience for configuration code. */
    public TimestampPolicy(Duration maxPast, Duration maxFuture) {
        this(maxPast.toMillis(), maxFuture.toMillis());
    }

    /**
     * True when {@code fromMessage} is a time (not {@link TimestampParser#NONE}) within the
     * window around {@code transport}. When the transport time is unknown ({@code NONE}) any
     * message time is accepted: there is nothing better to fall back to. Overflow-safe for any
     * long values.
     */
    public boolean plausible(long fromMessage, long transport) {
        if (fromMessage == TimestampParser.NONE) {
            return false;
        }
        if (transport == TimestampParser.NONE) {
            return true;
        }
        // a - b of a >= b is exact when read as unsigned, even if it overflows signed long.
        return fromMessage >= transport
                ? Long.compareUnsigned(fromMessage - transport, maxFutureMillis) <= 0
                : Long.compareUnsigned(transport - fromMessage, maxPastMillis) <= 0;
    }

    /** The message time when {@link #plausible plausible}, otherwise the transport time. */
    public long choose(long fromMessage, long transport) {
        return plausible(fromMessage, transport) ? fromMessage : transport;
    }
}
