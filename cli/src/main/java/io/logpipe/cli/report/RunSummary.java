package io.logpipe.cli.report;

import io.logpipe.processor.pipeline.InvocationReport;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/** Adds up the invocation reports of a run and prints the summary the CLI shows on stderr. */
public final class RunSummary {
    private long lambdaEvents;
    private long controlMessages;
    private long eventsIn;
    private long documents;
    private long eventsIndexed;
    private long duplicates;
    private long eventsDeadLettered;
    private long payloadsDeadLettered;
    private final Map<String, Long> deadLetterKinds = new TreeMap<>();

    public void add(InvocationReport r) {
        lambdaEvents++;
        controlMessages += r.control() ? 1 : 0;
        eventsIn += r.eventsIn();
        documents += r.documents();
        eventsIndexed += r.eventsIndexed();
        duplicates += r.duplicates();
        eventsDeadLettered += r.eventsDeadLettered();
        payloadsDeadLettered += r.payloadsDeadLettered();
        r.deadLetterKinds().forEach((k, v) -> deadLetterKinds.merge(k, (long) v, Long::sum));
    }

    /** An input line that never reached the processor (too long), dead-lettered by the CLI itself. */
    public void addUnreadable(String kind) {
        lambdaEvents++;
        payloadsDeadLettered++;
        deadLetterKinds.merge(kind, 1L, Long::sum);
    }

    public boolean anyDeadLetters() {
        return eventsDeadLettered > 0 || payloadsDeadLettered > 0;
    }

    public boolean conserved() {
        return eventsIn == eventsIndexed + eventsDeadLettered;
    }

    public long eventsIn() {
        return eventsIn;
    }

    public long documents() {
        return documents;
    }

    public long eventsDeadLettered() {
        return eventsDeadLettered;
    }

    public long payloadsDeadLettered() {
        return payloadsDeadLettered;
    }

    public void print(PrintWriter out) {
        out.printf("lambda events read      %,d (%,d control messages)%n", lambdaEvents, controlMessages);
        out.printf("log events in           %,d%n", eventsIn);
        out.printf("documents out           %,d (%,d events joined into multi-line documents)%n",
                documents, eventsIndexed - documents);
        if (duplicates > 0) {
            out.printf("already indexed         %,d%n", duplicates);
        }
        out.printf("events dead-lettered    %,d%n", eventsDeadLettered);
        out.printf("payloads dead-lettered  %,d%n", payloadsDeadLettered);
        deadLetterKinds.forEach((kind, n) -> out.printf("  %-22s %,d%n", kind, n));
        out.printf("accounted for           %s (in = indexed + dead-lettered: %,d = %,d + %,d)%n",
                conserved() ? "yes" : "NO", eventsIn, eventsIndexed, eventsDeadLettered);
    }
}
