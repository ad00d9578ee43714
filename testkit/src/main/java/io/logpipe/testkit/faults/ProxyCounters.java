package io.logpipe.testkit.faults;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The live counters behind {@link ProxyStats}; lock-free, safe from any connection thread. */
final class ProxyCounters {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong itemsReceived = new AtomicLong();
    private final AtomicLong itemsForwarded = new AtomicLong();
    private final AtomicLong itemsFailed = new AtomicLong();
    private final AtomicLong upstreamErrors = new AtomicLong();
    private final Map<Fault.Kind, AtomicLong> faults = new EnumMap<>(Fault.Kind.class);

    ProxyCounters() {
        // filled once here, only read afterwards: safe to share without locking
        for (Fault.Kind k : Fault.Kind.values()) {
            faults.put(k, new AtomicLong());
        }
    }

    void request(int bulkItems) {
        requests.incrementAndGet();
        itemsReceived.addAndGet(bulkItems);
    }

    void forwarded(int bulkItems) {
        forwarded.incrementAndGet();
        itemsForwarded.addAndGet(bulkItems);
    }

    void fault(Fault.Kind kind) {
        faults.get(kind).incrementAndGet();
    }

    void itemsFailed(int count) {
        itemsFailed.addAndGet(count);
    }

    void upstreamError() {
        upstreamErrors.incrementAndGet();
    }

    ProxyStats snapshot() {
        Map<Fault.Kind, Long> f = new EnumMap<>(Fault.Kind.class);
        faults.forEach((k, v) -> f.put(k, v.get()));
        return new ProxyStats(requests.get(), forwarded.get(), f, itemsReceived.get(), itemsForwarded.get(),
                itemsFailed.get(), upstreamErrors.get());
    }
}
