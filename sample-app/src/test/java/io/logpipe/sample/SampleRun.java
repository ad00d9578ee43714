package io.logpipe.sample;

import io.logpipe.sample.format.EventFormatter;
import io.logpipe.sample.generate.EventGenerator;
import io.logpipe.sample.generate.SampleEvent;
import io.logpipe.sample.output.LogOutput;
import io.logpipe.sample.output.RecentLines;

import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What the service writes to stdout for a number of generated events, with the events that were written
 * (those at or above the level), produced by the real generator, formatter and output.
 */
public record SampleRun(String stdout, List<SampleEvent> written, List<Integer> lineCounts, String header) {
    public static final Instant START = Instant.parse("2026-11-22T20:41:07.123Z");

    public static SampleRun generate(OutputFormat format, LogLevel level, long seed, int events) {
        EventGenerator generator = new EventGenerator(new Random(seed), new SteppingClock(START, Duration.ofMillis(37)));
        EventFormatter formatter = EventFormatter.of(format, "checkout-api");
        StringWriter stdout = new StringWriter();
        List<SampleEvent> written = new ArrayList<>();
        List<Integer> lineCounts = new ArrayList<>();
        try (LogOutput output = new LogOutput(level, formatter, stdout, null, new RecentLines(50))) {
            for (int i = 0; i < events; i++) {
                SampleEvent e = generator.next();
                if (output.emit(e)) {
                    written.add(e);
                    lineCounts.add((int) formatter.format(e).lines().count());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new SampleRun(stdout.toString(), List.copyOf(written), List.copyOf(lineCounts), formatter.header());
    }

    public List<String> lines() {
        return stdout.lines().toList();
    }

    /**
     * The stdout lines grouped per event (an event with a stack trace spans several lines); the header, if any,
     * is its own group first.
     */
    public List<List<String>> linesPerEvent() {
        List<List<String>> groups = new ArrayList<>();
        List<String> lines = lines();
        int i = 0;
        if (header != null) {
            groups.add(List.of(lines.get(i++)));
        }
        for (int count : lineCounts) {
            groups.add(lines.subList(i, i + count));
            i += count;
        }
        return groups;
    }
}
