package io.logpipe.processor.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The two facts {@link RecordJoiner} needs of every message before it knows whether the message is a FireLens
 * envelope: where the text after its first {@code "log":"} starts, and whether it holds
 * {@code "partial_message"} at all. Packed in one int per message: {@code (logValueAt + 1) << 1 | partial}.
 *
 * <p>Why: searching each ~550-char FireLens message for both strings was ~2 % of the FireLens job, while
 * {@link PlainPayloadReader} already visits each of a message's quotes when it unescapes it and can note them
 * there for almost nothing ({@link #of} is the same answer found by searching, for messages read otherwise).
 * Measured side by side: +1.7 to +4.3 % on the whole job (four pairs), +0.7 to +5.9 % on FireLens alone.
 */
final class EnvelopeKeys {
    static final String LOG_KEY = "\"log\":\"";
    static final String PARTIAL_KEY = "\"partial_message\"";
    /** Neither key found. */
    static final int NONE = 0;
    /** Not noted: search the message ({@link #of}). Never a packed value, which is >= 0. */
    static final int UNKNOWN = -1;

    /** What {@link #ahead} finds after an escaped quote. */
    static final int LOG_AHEAD = 1, PARTIAL_AHEAD = 2;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOG_KEY_REST = (long) LONGS.get("log\\\":\\\"".getBytes(StandardCharsets.US_ASCII), 0);
    private static final byte[] PARTIAL_KEY_REST = "partial_message\\\"".getBytes(StandardCharsets.US_ASCII);

    private EnvelopeKeys() {
    }

    /**
     * Whether the payload bytes from {@code from} (just after an escaped quote {@code \"}, which becomes a '"' of
     * the message) go on with {@code log\":\"} or {@code partial_message\"}, i.e. whether the message holds
     * {@link #LOG_KEY} or {@link #PARTIAL_KEY} there: {@link #LOG_AHEAD}, {@link #PARTIAL_AHEAD} or 0. A plain
     * string's quotes are all escaped and its letters never are, so checking at every escaped quote finds exactly
     * what searching the message would.
     */
    static int ahead(byte[] b, int from, int end) {
        if (from >= end) {
            return 0;
        }
        byte c = b[from];
        if (c == 'l' && end - from >= 8 && (long) LONGS.get(b, from) == LOG_KEY_REST) {
            return LOG_AHEAD;
        }
        if (c == 'p' && end - from >= PARTIAL_KEY_REST.length
                && Arrays.equals(b, from, from + PARTIAL_KEY_REST.length, PARTIAL_KEY_REST, 0, PARTIAL_KEY_REST.length)) {
            return PARTIAL_AHEAD;
        }
        return 0;
    }

    /** The keys of {@code message}, found by searching it. */
    static int of(String message) {
        int log = message.indexOf(LOG_KEY);
        return pack(log < 0 ? -1 : log + LOG_KEY.length(), message.contains(PARTIAL_KEY));
    }

    /** {@code logValueAt}: index just after the first {@code "log":"}, or -1 when there is none. */
    static int pack(int logValueAt, boolean partial) {
        return (logValueAt + 1) << 1 | (partial ? 1 : 0);
    }

    static boolean hasPartialKey(int keys) {
        return (keys & 1) != 0;
    }

    /** Index just after the message's first {@code "log":"}, or -1 when it has none. */
    static int logValueAt(int keys) {
        return (keys >>> 1) - 1;
    }
}
