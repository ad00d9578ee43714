package io.logpipe.testkit.faults;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A misbehaviour applied to the next {@link #times()} requests it matches; build one with the static factories.
 * By default a fault matches only bulk endpoints ({@code /_bulk}, {@code /<index>/_bulk}), so bootstrap and search
 * calls keep working; {@link #onPathsStartingWith(String)} widens or narrows that.
 *
 * @param kind       what happens on the wire
 * @param times      how many matching requests are affected ({@link #UNLIMITED}: until {@link FaultProxy#clear()})
 * @param status     HTTP (or per-item) status for 429/5xx/partial faults, else 0
 * @param everyNth   partial bulk failure: items N, 2N, 3N.. (1-based) fail; else 0
 * @param duration   Retry-After for 429, the hold time for {@link Kind#DELAY}; else {@link Duration#ZERO}
 * @param pathPrefix requests whose path starts with this match; {@code null} means bulk endpoints only
 */
public record Fault(Kind kind, int times, int status, int everyNth, Duration duration, String pathPrefix) {

    /** Keeps a fault armed until {@link FaultProxy#clear()}. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    private static final Pattern BULK_PATH = Pattern.compile("(/[^/_][^/]*)?/_bulk/?");

    public enum Kind {
        /** Answered 429 with {@code Retry-After}; not forwarded. */
        TOO_MANY_REQUESTS,
        /** Answered with a 5xx error body; not forwarded. */
        SERVER_ERROR,
        /** Selected bulk items are answered with an item error; the others are forwarded. */
        PARTIAL_BULK_FAILURE,
        /** Connection reset (TCP RST) after reading the request; not forwarded. */
        RESET_BEFORE_FORWARD,
        /** Forwarded and answered by upstream, then the client connection is reset instead of answering. */
        RESET_AFTER_FORWARD,
        /** Forwarded at once; upstream's response is held back for {@link #duration()}. */
        DELAY
    }

    public Fault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(duration, "duration");
        if (times < 1) {
            throw new IllegalArgumentException("times must be positive: " + times);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        if (pathPrefix != null && !pathPrefix.startsWith("/")) {
            throw new IllegalArgumentException("path prefix must start with /: " + pathPrefix);
        }
    }

    /** 429 with {@code Retry-After: 1}. */
    public static Fault tooManyRequests(int times) {
        return tooManyRequests(times, Duration.ofSeconds(1));
    }

    /** 429 with {@code Retry-After} set to {@code retryAfter} in whole seconds, rounded up. */
    public static Fault tooManyRequests(int times, Duration retryAfter) {
        return new Fault(Kind.TOO_MANY_REQUESTS, times, 429, 0, retryAfter, null);
    }

    /** A whole-request error with a status from 500 to 599. */
    public static Fault serverError(int times, int status) {
        requireRange(status, 500, 599);
        return new Fault(Kind.SERVER_ERROR, times, status, 0, Duration.ZERO, null);
    }

    /** Items N, 2N, 3N.. (1-based) of each affected bulk request fail with {@code itemStatus} (400 to 599). */
    public static Fault partialBulkFailure(int times, int everyNth, int itemStatus) {
        requireRange(itemStatus, 400, 599);
        if (everyNth < 1) {
            throw new IllegalArgumentException("everyNth must be positive: " + everyNth);
        }
        return new Fault(Kind.PARTIAL_BULK_FAILURE, times, itemStatus, everyNth, Duration.ZERO, null);
    }

    public static Fault resetBeforeForward(int times) {
        return new Fault(Kind.RESET_BEFORE_FORWARD, times, 0, 0, Duration.ZERO, null);
    }

    public static Fault resetAfterForward(int times) {
        return new Fault(Kind.RESET_AFTER_FORWARD, times, 0, 0, Duration.ZERO, null);
    }

    public static Fault delay(int times, Duration delay) {
        return new Fault(Kind.DELAY, times, 0, 0, delay, null);
    }

    /** This fault for every request whose path starts with {@code prefix} ({@code "/"}: every request). */
    public Fault onPathsStartingWith(String prefix) {
        return new Fault(kind, times, status, everyNth, duration, Objects.requireNonNull(prefix, "prefix"));
    }

    /** This fault for bulk endpoints only (the default). */
    public Fault onBulkPaths() {
        return new Fault(kind, times, status, everyNth, duration, null);
    }

    Fault withTimes(int remaining) {
        return new Fault(kind, remaining, status, everyNth, duration, pathPrefix);
    }

    static boolean isBulkPath(String path) {
        return BULK_PATH.matcher(path).matches();
    }

    /** Whether this fault applies to a request for {@code path}; a partial failure needs a parsed bulk body. */
    boolean appliesTo(String path, boolean parsedBulkBody) {
        boolean inScope = pathPrefix == null ? isBulkPath(path) : path.startsWith(pathPrefix);
        return inScope && (kind != Kind.PARTIAL_BULK_FAILURE || parsedBulkBody);
    }

    /** Partial bulk failure: whether the item at 0-based {@code index} fails. */
    boolean failsItem(int index) {
        return kind == Kind.PARTIAL_BULK_FAILURE && (index + 1) % everyNth == 0;
    }

    /** Retry-After value: whole seconds, rounded up. */
    long retryAfterSeconds() {
        return duration.plusNanos(999_999_999).toSeconds();
    }

    /** The OpenSearch error type used for an injected error with this fault's status. */
    String errorType() {
        return switch (status) {
            case 429 -> "rejected_execution_exception";
            case 503 -> "unavailable_shards_exception";
            case 409 -> "version_conflict_engine_exception";
            case 400 -> "mapper_parsing_exception";
            default -> "fault_proxy_exception";
        };
    }

    private static void requireRange(int status, int min, int max) {
        if (status < min || status > max) {
            throw new IllegalArgumentException("status must be " + min + ".." + max + ": " + status);
        }
    }
}
