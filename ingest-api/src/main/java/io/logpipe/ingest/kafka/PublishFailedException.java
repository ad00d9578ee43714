package io.logpipe.ingest.kafka;

/**
 * Kafka did not acknowledge every record of a request in time (broker unreachable, send timeout, buffer full,
 * producer closed). {@link #published()} records were acknowledged anyway: a client retrying the whole request
 * publishes those again (at least once).
 */
public final class PublishFailedException extends Exception {
    private final int published;
    private final int total;

    PublishFailedException(String message, int published, int total, Throwable cause) {
        super(message, cause);
        this.published = published;
        this.total = total;
    }

    public int published() {
        return published;
    }

    public int total() {
        return total;
    }
}
