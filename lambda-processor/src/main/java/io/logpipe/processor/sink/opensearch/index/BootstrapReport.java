package io.logpipe.processor.sink.opensearch.index;

import java.util.List;
import java.util.Optional;

/** What one bootstrap run did, step by step; it stops at the first failed step. */
public record BootstrapReport(List<Step> steps) {

    public BootstrapReport {
        steps = List.copyOf(steps);
    }

    public enum Outcome {
        /** It did not exist and was created. */
        CREATED,
        /** It existed with different content and was updated. */
        UPDATED,
        /** It existed as wanted (re-applying it changed nothing). */
        UNCHANGED,
        /** Not applicable on this cluster; the detail says why. */
        SKIPPED,
        FAILED
    }

    /**
     * @param name    what the step manages, e.g. {@code index template app-logs}
     * @param outcome what happened
     * @param detail  why, in a few words (never a secret)
     */
    public record Step(String name, Outcome outcome, String detail) {
        @Override
        public String toString() {
            return name + ": " + outcome.name().toLowerCase(java.util.Locale.ROOT)
                    + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    public boolean ok() {
        return steps.stream().noneMatch(s -> s.outcome() == Outcome.FAILED);
    }

    /** True when the run changed nothing on the cluster. */
    public boolean noChanges() {
        return steps.stream().allMatch(s -> s.outcome() == Outcome.UNCHANGED || s.outcome() == Outcome.SKIPPED);
    }

    public Optional<Step> step(String namePrefix) {
        return steps.stream().filter(s -> s.name().startsWith(namePrefix)).findFirst();
    }

    @Override
    public String toString() {
        return String.join("\n", steps.stream().map(Step::toString).toList());
    }
}
