package io.logpipe.processor.pipeline;

import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.SourceKind;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exactly what one invocation did, returned by the handlers and summed by the CLI. Conservation holds for
 * every report: {@code eventsIn == eventsIndexed + eventsDeadLettered}, where {@code eventsIndexed} counts
 * the delivered events inside the written documents (a joined stack trace is several events, one document).
 *
 * @param payloadsDeadLettered payloads that could not be opened at all (their event count is unknown)
 * @param deadLetterKinds      count of dead letters by failure kind
 */
public record InvocationReport(
        SourceKind source,
        boolean control,
        int eventsIn,
        int documents,
        int eventsIndexed,
        int duplicates,
        int eventsDeadLettered,
        int payloadsDeadLettered,
        Map<String, Integer> deadLetterKinds) {

    public InvocationReport {
        deadLetterKinds = Map.copyOf(deadLetterKinds);
    }

    static Map<String, Integer> countKinds(List<DeadLetter> deadLetters) {
        Map<String, Integer> kinds = new TreeMap<>();
        for (DeadLetter d : deadLetters) {
            kinds.merge(d.kind().label(), 1, Integer::sum);
        }
        return kinds;
    }

    public int joined() {
        return eventsIndexed - documents;
    }

    public boolean conserved() {
        return eventsIn == eventsIndexed + eventsDeadLettered;
    }

    public boolean clean() {
        return eventsDeadLettered == 0 && payloadsDeadLettered == 0;
    }
}
