package io.logpipe.processor.sink.opensearch.bulk;

import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.SinkUnavailableException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes items with {@code _bulk} until each is created, found already present (409), or rejected for good,
 * retrying only the items that failed retriably, never whole requests that partly succeeded. When attempts or
 * time run out with items still failing retriably it throws, naming how many were and were not written.
 */
public final class BulkWriter {
    /** What became of a batch of items; rejected items carry their last error. */
    public record Outcome(int created, int duplicates, List<BulkItem> rejected, int attempts) {
    }

    /** Waits between retries; tests pass a recorder instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final BulkSender sender;
    private final BulkBatcher batcher;
    private final RetryPolicy retry;
    private final Sleeper sleeper;

    public BulkWriter(BulkSender sender, BulkBatcher batcher, RetryPolicy retry, Sleeper sleeper) {
        this.sender = sender;
        this.batcher = batcher;
        this.retry = retry;
        this.sleeper = sleeper;
    }

    public Outcome write(List<BulkItem> items, Deadline deadline) throws SinkUnavailableException {
        Tally tally = new Tally();
        List<BulkItem> pending = items;
        for (int attempt = 1; ; attempt++) {
            List<BulkItem> retryable = new ArrayList<>();
            for (BulkRequest request : batcher.split(pending)) {
                send(request, tally, retryable);
            }
            if (retryable.isEmpty()) {
                return new Outcome(tally.created, tally.duplicates, tally.rejected, attempt);
            }
            long delay = retry.delayBeforeNext(attempt, deadline);
            if (delay < 0) {
                throw exhausted(tally, retryable, attempt);
            }
            pause(delay, tally, retryable);
            pending = retryable;
        }
    }

    private void send(BulkRequest request, Tally tally, List<BulkItem> retryable) {
        BulkResponse response;
        try {
            response = sender.send(request);
        } catch (IOException e) {
            fail(request.items(), "transport: " + e, retryable);
            return;
        }
        if (response.items().isEmpty() || response.items().size() != request.items().size()) {
            String why = "HTTP " + response.status() + ": " + response.error();
            if (ItemOutcome.ofRequest(response.status()) == ItemOutcome.REJECT && response.items().isEmpty()) {
                request.items().forEach(i -> reject(i, why, tally));
            } else {
                fail(request.items(), why, retryable);
            }
            return;
        }
        for (int i = 0; i < request.items().size(); i++) {
            classify(request.items().get(i), response.items().get(i), tally, retryable);
        }
    }

    private static void classify(BulkItem item, BulkResponse.Item result, Tally tally, List<BulkItem> retryable) {
        item.attempts++;
        switch (ItemOutcome.of(result.status())) {
            case CREATED -> tally.created++;
            case DUPLICATE -> tally.duplicates++;
            case RETRY -> {
                item.lastError = result.status() + " " + result.errorType() + ": " + result.errorReason();
                retryable.add(item);
            }
            case REJECT -> reject(item, result.status() + " " + result.errorType() + ": " + result.errorReason(), tally);
        }
    }

    private static void fail(List<BulkItem> items, String why, List<BulkItem> retryable) {
        for (BulkItem item : items) {
            item.attempts++;
            item.lastError = why;
            retryable.add(item);
        }
    }

    private static void reject(BulkItem item, String why, Tally tally) {
        item.lastError = why;
        tally.rejected.add(item);
    }

    private void pause(long delay, Tally tally, List<BulkItem> retryable) throws SinkUnavailableException {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkUnavailableException("interrupted while backing off", tally.written(), retryable.size(), e);
        }
    }

    private static SinkUnavailableException exhausted(Tally tally, List<BulkItem> retryable, int attempts) {
        return new SinkUnavailableException("OpenSearch still failing after " + attempts + " attempts: "
                + retryable.size() + " documents not written (last error: " + retryable.getFirst().lastError + ")",
                tally.written(), retryable.size(), null);
    }

    private static final class Tally {
        int created;
        int duplicates;
        final List<BulkItem> rejected = new ArrayList<>();

        int written() {
            return created + duplicates;
        }
    }
}
