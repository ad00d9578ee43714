package io.logpipe.testkit.faults;

import java.util.Map;

/**
 * A snapshot of what a {@link FaultProxy} did since it started.
 *
 * @param requests           requests read from clients (including faulted ones)
 * @param forwarded          requests sent upstream that got a response (a partial failure sends one, or none if
 *                           every item failed)
 * @param faults             faults injected, per kind (one per affected request)
 * @param bulkItemsReceived  bulk items (action lines) in client requests
 * @param bulkItemsForwarded bulk items sent upstream and answered (the node saw them)
 * @param bulkItemsFailed    bulk items answered with an injected item error
 * @param upstreamErrors     forwarding attempts that failed (connect, timeout, I/O); answered 502
 */
public record ProxyStats(long requests, long forwarded, Map<Fault.Kind, Long> faults, long bulkItemsReceived,
                         long bulkItemsForwarded, long bulkItemsFailed, long upstreamErrors) {

    public ProxyStats {
        faults = Map.copyOf(faults);
    }

    /** Faults of one kind injected so far. */
    public long faults(Fault.Kind kind) {
        return faults.getOrDefault(kind, 0L);
    }

    public long totalFaults() {
        return faults.values().stream().mapToLong(Long::longValue).sum();
    }
}
