package io.logpipe.processor.sink;

/**
 * A run of whole fields whose bytes depend only on a few String values that stay the same from one document to
 * the next (per log group, payload or task): written once, then copied whole while the values are the same
 * instances or equal ones. One copy replaces a handful of field writes, each with its own checks and copies.
 * Not thread-safe; one per writer and call site.
 */
final class RepeatedFields {
    private final String[] last = new String[5];
    private byte[] bytes;
    private int length = -1;
    private int start;

    /**
     * Copies the run kept for these values (unused ones null) and returns true; otherwise starts a new run and
     * returns false, and the caller writes the fields and then calls {@link #end}.
     */
    boolean copyOrStart(JsonOut g, String v0, String v1, String v2, String v3, String v4) {
        String[] l = last;
        if (length >= 0 && same(l[0], v0) && same(l[1], v1) && same(l[2], v2) && same(l[3], v3) && same(l[4], v4)) {
            g.writeFields(bytes, length);
            return true;
        }
        length = -1;                       // kept again only once the new run is complete
        l[0] = v0;
        l[1] = v1;
        l[2] = v2;
        l[3] = v3;
        l[4] = v4;
        start = g.startFields();
        return false;
    }

    /** Keeps the fields written since {@link #copyOrStart} returned false. */
    void end(JsonOut g) {
        bytes = g.copyFieldsSince(start, bytes);
        length = g.size() - start;
    }

    private static boolean same(String last, String value) {
        return last == value || (value != null && value.equals(last));
    }
}
