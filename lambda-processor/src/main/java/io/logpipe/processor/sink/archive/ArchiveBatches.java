package io.logpipe.processor.sink.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/** Splits items, in order, into consecutive batches under a count and a byte limit (PutRecordBatch's limits). */
final class ArchiveBatches {
    private ArchiveBatches() {
    }

    /**
     * @param size     bytes of one item; each must be at most {@code maxBytes} (the caller rejects larger ones)
     * @return batches of 1..maxCount items whose sizes add up to at most maxBytes; none when items is empty
     */
    static <T> List<List<T>> split(List<T> items, ToIntFunction<T> size, int maxCount, long maxBytes) {
        List<List<T>> batches = new ArrayList<>();
        List<T> current = new ArrayList<>();
        long bytes = 0;
        for (T item : items) {
            int n = size.applyAsInt(item);
            if (n > maxBytes) {
                throw new IllegalArgumentException("an item of " + n + " bytes exceeds the batch limit " + maxBytes);
            }
            if (!current.isEmpty() && (current.size() == maxCount || bytes + n > maxBytes)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(item);
            bytes += n;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
