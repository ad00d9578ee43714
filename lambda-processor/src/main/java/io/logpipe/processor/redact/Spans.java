package io.logpipe.processor.redact;

import java.util.Arrays;

/**
 * Character ranges to replace, collected by the scanners of one {@code redactText} call. Scanners report in
 * roughly but not strictly ascending order and may overlap (a JWT inside a {@code token=} value), so
 * {@link #normalize()} sorts and merges them before the output is built.
 */
final class Spans {

    /** Each entry packs {@code start << 32 | end}, so a plain long sort orders by start. */
    private long[] ranges;
    private int size;

    void add(int start, int end) {
        if (end <= start) {
            return;
        }
        if (ranges == null) {
            ranges = new long[4]; // allocated only once something matched: the clean path stays allocation-light
        } else if (size == ranges.length) {
            ranges = Arrays.copyOf(ranges, size * 2);
        }
        ranges[size++] = ((long) start << 32) | end;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    int start(int i) {
        return (int) (ranges[i] >>> 32);
    }

    int end(int i) {
        return (int) ranges[i];
    }

    /** Sorts by start and merges overlapping or touching ranges into one. */
    void normalize() {
        if (size == 0) {
            return;
        }
        Arrays.sort(ranges, 0, size);
        int out = 0;
        for (int i = 1; i < size; i++) {
            if (start(i) <= end(out)) {
                int end = Math.max(end(out), end(i));
                ranges[out] = ((long) start(out) << 32) | end;
            } else {
                ranges[++out] = ranges[i];
            }
        }
        size = out + 1;
    }
}
