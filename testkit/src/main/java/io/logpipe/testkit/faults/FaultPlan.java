package io.logpipe.testkit.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The armed faults, consumed first-in first-out; each request takes at most one. Thread-safe. */
final class FaultPlan {

    private final List<Fault> armed = new ArrayList<>();

    synchronized void add(Fault fault) {
        armed.add(fault);
    }

    synchronized void clear() {
        armed.clear();
    }

    /** The faults still armed, with their remaining counts. */
    synchronized List<Fault> pending() {
        return List.copyOf(armed);
    }

    /** Takes one use of the oldest fault that applies to this request, if any. */
    synchronized Optional<Fault> take(String path, boolean parsedBulkBody) {
        for (int i = 0; i < armed.size(); i++) {
            Fault f = armed.get(i);
            if (f.appliesTo(path, parsedBulkBody)) {
                if (f.times() == Fault.UNLIMITED) {
                    return Optional.of(f);
                }
                if (f.times() == 1) {
                    armed.remove(i);
                } else {
                    armed.set(i, f.withTimes(f.times() - 1));
                }
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
