package io.logpipe.processor.sink;

/**
 * Runs of whole fields whose bytes depend only on a few String values that usually stay the same from one document
 * to the next (per log group, payload or task): written once, then copied whole while the values are the same
 * instances or equal ones. One copy replaces a handful of field writes, each with its own checks and copies. The
 * last {@value #WAYS} runs are kept, since the values may alternate among a few sets (an MSK batch mixes services
 * and hosts; a task's records name a few regions).
 * Not thread-safe; one per writer and call site.
 */
final class RepeatedFields {
    private static final int WAYS = 4;
    private final String[][] values = new String[WAYS][5];
    private final byte[][] bytes = new byte[WAYS][];
    private final int[] lengths = new int[WAYS];     // -1: no complete run kept in that way
    private int next;                      // the way the next new run takes (round robin)
    private int open = -1;                 // the way of the run being written, between copyOrStart and end
    private int start;

    RepeatedFields() {
        java.util.Arrays.fill(lengths, -1);
    }

    /**
     * Copies the run kept for these values (unused ones null) and returns true; otherwise starts a new run and
     * returns false, and the caller writes the fields and then calls {@link #end}.
     */
    boolean copyOrStart(JsonOut g, String v0, String v1, String v2, String v3, String v4) {
        for (int w = 0; w < WAYS; w++) {
            String[] l = values[w];
            if (lengths[w] >= 0 && same(l[0], v0) && same(l[1], v1) && same(l[2], v2) && same(l[3], v3)
                    && same(l[4], v4)) {
                g.writeFields(bytes[w], lengths[w]);
                return true;
            }
        }
        int w = next;
        next = (w + 1) % WAYS;
        lengths[w] = -1;                   // kept again only once the new run is complete
        String[] l = values[w];
        l[0] = v0;
        l[1] = v1;
        l[2] = v2;
        l[3] = v3;
        l[4] = v4;
        open = w;
        start = g.startFields();
        return false;
    }

    /** Keeps the fields written since {@link #copyOrStart} returned false. */
    void end(JsonOut g) {
        bytes[open] = g.copyFieldsSince(start, bytes[open]);
        lengths[open] = g.size() - start;
    }

    private static boolean same(String last, String value) {
        return last == value || (value != null && value.equals(last));
    }
}
