package io.logpipe.testkit.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One invocation's worth of records as {@link MskEventPoller} hands it to the function: the MSK event (JSON), the
 * ids of its records ({@code <topic>-<partition>-<offset>}, in event order) and which delivery attempt this is.
 * A retried batch has the same records and the same event as the failed attempt.
 */
public final class MskBatch {
    private final int invocation;
    private final int attempt;
    private final String event;
    private final int eventBytes;
    private final List<String> recordIds;
    private final Map<String, long[]> offsetRanges;

    MskBatch(int invocation, int attempt, String event, int eventBytes, List<String> recordIds,
             Map<String, long[]> offsetRanges) {
        this.invocation = invocation;
        this.attempt = attempt;
        this.event = event;
        this.eventBytes = eventBytes;
        this.recordIds = List.copyOf(recordIds);
        Map<String, long[]> ranges = new LinkedHashMap<>();
        offsetRanges.forEach((k, v) -> ranges.put(k, v.clone()));
        this.offsetRanges = Collections.unmodifiableMap(ranges);
    }

    /** 1 for the poller's first invocation, counting every invocation including retries. */
    public int invocation() {
        return invocation;
    }

    /** 1 for the first delivery of these records, 2 for the first retry, and so on. */
    public int attempt() {
        return attempt;
    }

    /** The Lambda event, exactly as the MSK event source mapping would send it. */
    public String event() {
        return event;
    }

    /** The event as UTF-8 bytes (a new array each call), e.g. for a {@code RequestStreamHandler}'s input. */
    public byte[] eventBytes() {
        return event.getBytes(StandardCharsets.UTF_8);
    }

    /** The event's size in UTF-8 bytes, the quantity the 6 MB invocation payload limit applies to. */
    public int payloadBytes() {
        return eventBytes;
    }

    public int size() {
        return recordIds.size();
    }

    /** {@code <topic>-<partition>-<offset>} of each record, grouped by partition as in the event. */
    public List<String> recordIds() {
        return recordIds;
    }

    /** Per {@code <topic>-<partition>}: the first and last offset in this batch ({@code long[2]}, copies). */
    public Map<String, long[]> offsetRanges() {
        Map<String, long[]> copy = new LinkedHashMap<>();
        offsetRanges.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    @Override
    public String toString() {
        StringBuilder ranges = new StringBuilder();
        offsetRanges.forEach((k, v) -> ranges.append(ranges.isEmpty() ? "" : ", ").append(k).append('@').append(v[0])
                .append("..").append(v[1]));
        return "MskBatch[invocation " + invocation + ", attempt " + attempt + ", " + size() + " records, " + eventBytes
                + " bytes, " + ranges + "]";
    }
}
