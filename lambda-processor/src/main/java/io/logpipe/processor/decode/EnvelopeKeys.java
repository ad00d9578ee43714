package io.logpipe.processor.decode;

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

    private EnvelopeKeys() {
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
