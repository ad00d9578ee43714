package io.logpipe.sample.output;

import java.util.ArrayDeque;
import java.util.List;

/** The last {@code capacity} lines written, for {@code /logs}. Thread-safe: the emitter writes, HTTP reads. */
public final class RecentLines {
    public static final int DEFAULT_CAPACITY = 50;

    private final int capacity;
    private final ArrayDeque<String> lines;

    public RecentLines(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    public synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** Oldest first. */
    public synchronized List<String> snapshot() {
        return List.copyOf(lines);
    }
}
