package io.logpipe.processor.sink.opensearch.bulk;

import io.logpipe.processor.sink.Deadline;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with full jitter (a random delay between 0 and {@code initial * 2^attempt}, capped),
 * bounded by a number of attempts and by the invocation's remaining time: a retry is only started if its
 * delay plus one request timeout still fits before the deadline.
 */
public final class RetryPolicy {
    private final int maxAttempts;
    private final long initialMillis;
    private final long maxMillis;
    private final long requestTimeoutMillis;
    private final LongUnaryOperator jitter;

    /** @param jitter maps a ceiling to a random delay in {@code [0, ceiling]} (tests pass a fixed choice) */
    public RetryPolicy(int maxAttempts, Duration initial, Duration max, Duration requestTimeout, LongUnaryOperator jitter) {
        this.maxAttempts = maxAttempts;
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.requestTimeoutMillis = requestTimeout.toMillis();
        this.jitter = jitter;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The delay before attempt {@code attempt + 1} (attempts count from 1), or -1 when no retry may start. */
    public long delayBeforeNext(int attempt, Deadline deadline) {
        if (attempt >= maxAttempts) {
            return -1;
        }
        long ceiling = Math.min(maxMillis, initialMillis << Math.min(attempt - 1, 20));
        long delay = ceiling <= 0 ? 0 : jitter.applyAsLong(ceiling);
        return deadline.remainingMillis() > delay + requestTimeoutMillis ? delay : -1;
    }
}
