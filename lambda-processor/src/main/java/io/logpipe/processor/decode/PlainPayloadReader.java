package io.logpipe.processor.decode;

import io.logpipe.processor.bytes.ByteLanes;
import io.logpipe.processor.config.Limits;
import io.logpipe.processor.model.PreReadEnvelope;
import io.logpipe.processor.model.PreReadRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fast path for the payload JSON of a CloudWatch Logs subscription: reads the common, plain shape straight
 * from the inflated bytes, or gives up (returns null) on anything else, and the decoder then reads the
 * payload with Jackson as before, which also decides what an odd payload means. "Plain" means: well-formed
 * JSON of the usual shape, every string pure ASCII with no escapes other than {@code \" \\ \/ \n \t}, and
 * every log event complete ({@code id}, {@code timestamp} >= 0, {@code message}, nothing else).
 *
 * <p>Why: Jackson decoded each message into a char buffer, then a String, then {@link TextSanitizer} scanned
 * it again char by char (together ~15 % of the job in profiles). Here one byte loop finds the end of a
 * string, unescapes it, and proves it clean: such a message holds only printable ASCII, tab and newline, so
 * the only hygiene left to do is trimming trailing line breaks, and the result equals
 * {@code TextSanitizer.clean} of what Jackson would have produced.
 * Not thread-safe (reuses a scratch buffer); one per decoder.
 */
final class PlainPayloadReader {
    /** What the decoder needs of a payload read by this fast path. */
    record Payload(String messageType, String owner, String logGroup, String logStream, List<PendingEvent> events,
                   boolean sawEvents) {
    }

    private byte[] b;
    private int end;
    private int pos;
    private byte[] scratch = new byte[4096];
    private final EnvelopeReader envelopes;
    /** What {@link #escaped} noted of the last string's FireLens keys, for {@link EnvelopeKeys}. */
    private int logValueAt;
    private boolean partialKey;

    private final RecordReader records;

    PlainPayloadReader(int maxJsonDepth, int maxJsonFields) {
        envelopes = new EnvelopeReader(maxJsonFields);
        records = new RecordReader(maxJsonDepth, maxJsonFields);
    }

    PlainPayloadReader(int maxJsonFields) {
        this(Limits.defaults().maxJsonDepth(), maxJsonFields);
    }

    PlainPayloadReader() {
        this(Limits.defaults().maxJsonFields());
    }

    /** The payload, with each message already sanitised; null when the payload is not plain. */
    Payload read(byte[] bytes, int length) {
        b = bytes;
        end = length;
        pos = 0;
        try {
            return payload();
        } finally {
            b = null;
        }
    }

    private Payload payload() {
        if (!next('{')) {
            return null;
        }
        String messageType = null, owner = null, logGroup = null, logStream = null;
        List<PendingEvent> events = List.of();
        boolean sawEvents = false;
        if (!peek('}')) {
            do {
                String field = string();
                if (field == null || !next(':')) {
                    return null;
                }
                skipSpace();
                switch (field) {
                    case "messageType", "owner", "logGroup", "logStream" -> {
                        String value = string();
                        if (value == null) {
                            return null;
                        }
                        switch (field) {
                            case "messageType" -> messageType = value;
                            case "owner" -> owner = value;
                            case "logGroup" -> logGroup = value;
                            default -> logStream = value;
                        }
                    }
                    case "logEvents" -> {
                        events = events();
                        sawEvents = true;
                        if (events == null) {
                            return null;
                        }
                    }
                    default -> {
                        if (!skipSimpleValue()) {
                            return null;
                        }
                    }
                }
            } while (next(','));
        }
        if (!next('}')) {
            return null;
        }
        skipSpace();
        return pos == end ? new Payload(messageType, owner, logGroup, logStream, events, sawEvents) : null;
    }

    private List<PendingEvent> events() {
        if (!next('[')) {
            return null;
        }
        List<PendingEvent> events = new ArrayList<>(256);
        if (peek(']')) {
            pos++;
            return events;
        }
        do {
            PendingEvent e = event();
            if (e == null) {
                return null;
            }
            events.add(e);
        } while (next(','));
        return next(']') ? events : null;
    }

    private PendingEvent event() {
        if (!next('{')) {
            return null;
        }
        String id = null, message = null;
        long timestamp = -1;
        int keys = EnvelopeKeys.NONE;
        PreReadEnvelope envelope = null;
        PreReadRecord record = null;
        do {
            int field = eventField();
            if (field == 0 || !next(':')) {
                return null;                           // not plain, or a field a plain event does not have
            }
            skipSpace();
            switch (field) {
                case ID -> {
                    id = string();
                    if (id == null) {
                        return null;
                    }
                }
                case TIMESTAMP -> {
                    timestamp = timestamp();
                    if (timestamp < 0) {
                        return null;
                    }
                }
                default -> {
                    EnvelopeReader.Result read = envelopes.read(b, pos, end);
                    RecordReader.Result json = read == null ? records.read(b, pos, end) : null;
                    message = null;                     // an envelope or a record carries it
                    envelope = null;
                    record = null;
                    if (read != null) {
                        envelope = read.envelope();     // ends in '}': nothing to trim
                        keys = read.envelopeKeys();
                        pos = read.end();
                    } else if (json != null) {
                        record = json.record();         // holds neither of the keys EnvelopeKeys notes
                        keys = EnvelopeKeys.pack(-1, false);
                        pos = json.end();
                    } else {
                        message = string(true);
                        if (message == null) {
                            return null;
                        }
                        keys = EnvelopeKeys.pack(logValueAt, partialKey);
                    }
                }
            }
        } while (next(','));
        if (!next('}') || id == null || id.isEmpty() || (message == null && envelope == null && record == null)
                || timestamp < 0) {
            return null;
        }
        return new PendingEvent(id, timestamp, message, null, null, keys, envelope, record);
    }

    private static final int ID = 1, TIMESTAMP = 2, MESSAGE = 3;
    private static final byte[] ID_NAME = "\"id\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIMESTAMP_NAME = "\"timestamp\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE_NAME = "\"message\"".getBytes(StandardCharsets.US_ASCII);
    private static final long ID_WORD = ByteLanes.word(Arrays.copyOf(ID_NAME, 8), 0);
    private static final long MESSAGE_WORD = ByteLanes.word(MESSAGE_NAME, 0);
    private static final long TIMESTAMP_WORD = ByteLanes.word(TIMESTAMP_NAME, 0);

    /**
     * Which of a log event's three fields is named at pos (after optional space), matched on the raw bytes, or 0.
     * A name spelled with escapes is 0 too, so the payload goes to Jackson as it did when names were read as
     * strings. Why: making a String of each name and switching on it (hashing it) was ~1 % of the job.
     */
    private int eventField() {
        skipSpace();
        if (end - pos >= 12) {                          // the usual case: compared as words, no call per name
            long w = ByteLanes.word(b, pos);
            if ((w & 0xFFFF_FFFFL) == ID_WORD) {
                pos += ID_NAME.length;
                return ID;
            }
            if (w == MESSAGE_WORD && b[pos + 8] == '"') {
                pos += MESSAGE_NAME.length;
                return MESSAGE;
            }
            if (w == TIMESTAMP_WORD && b[pos + 8] == 'm' && b[pos + 9] == 'p' && b[pos + 10] == '"') {
                pos += TIMESTAMP_NAME.length;
                return TIMESTAMP;
            }
            return 0;
        }
        if (at(ID_NAME)) {
            return ID;
        }
        if (at(TIMESTAMP_NAME)) {
            return TIMESTAMP;
        }
        return at(MESSAGE_NAME) ? MESSAGE : 0;
    }

    /** Consumes {@code literal} when the bytes at pos are exactly it. */
    private boolean at(byte[] literal) {
        if (end - pos < literal.length || !Arrays.equals(b, pos, pos + literal.length, literal, 0, literal.length)) {
            return false;
        }
        pos += literal.length;
        return true;
    }

    /** A non-negative integer of at most 18 digits (JSON grammar: no leading zeros), else -1. */
    private long timestamp() {
        int start = pos;
        long v = 0;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            v = v * 10 + (b[pos++] - '0');
        }
        int digits = pos - start;
        if (digits == 0 || digits > 18 || (digits > 1 && b[start] == '0') || !atBoundary()) {
            return -1;
        }
        return v;
    }

    /** Other top-level fields (subscriptionFilters): a string, an array of strings, or a small integer. */
    private boolean skipSimpleValue() {
        if (peek('"')) {
            return string() != null;
        }
        if (peek('[')) {
            pos++;
            if (peek(']')) {
                pos++;
                return true;
            }
            do {
                skipSpace();
                if (string() == null) {
                    return false;
                }
            } while (next(','));
            return next(']');
        }
        return timestamp() >= 0;
    }

    /**
     * The string at pos (after optional space), or null unless it is pure printable ASCII, tab and newline:
     * raw bytes 0x20-0x7E only, escapes {@code \" \\ \/ \n \t} only.
     */
    private String string() {
        return string(false);
    }

    /**
     * The JSON string at pos; {@code dropLineEnds}: without the line ends that close it (the message's hygiene,
     * {@link TextSanitizer#trimLineEnds}), dropped before the String is made rather than copied away after.
     */
    private String string(boolean dropLineEnds) {
        skipSpace();
        if (pos >= end || b[pos] != '"') {
            return null;
        }
        int start = pos + 1;
        logValueAt = -1;
        partialKey = false;
        int i = plainRun(b, start, end);
        if (i < end && b[i] == '"') {
            pos = i + 1;
            return new String(b, start, i - start, StandardCharsets.ISO_8859_1);
        }
        return escaped(start, i, dropLineEnds);
    }

    /**
     * The index of the first byte from {@code i} on that is not printable ASCII other than '"' and '\\'.
     * Eight bytes at a time (the byte loop was ~6 % of the job). Only the first special byte is wanted, so the
     * lane tests may let a borrow or carry mark lanes above a special one: they are emitted only by special lanes,
     * so the lowest flagged lane is always exact (15 operations a word, against 21 for per-lane exact tests).
     */
    static int plainRun(byte[] b, int i, int end) {
        for (; i + 8 <= end; i += 8) {
            long special = special(ByteLanes.word(b, i));
            if (special != 0) {
                return ByteLanes.firstLane(i, special);
            }
        }
        while (i < end) {
            byte c = b[i];
            if (c < 0x20 || c == '"' || c == '\\' || c == 0x7F) {   // non-ASCII bytes are negative
                return i;
            }
            i++;
        }
        return i;
    }

    /** The lanes of {@code w} that end a plain run (see {@link #plainRun}); only the lowest flagged one is exact. */
    static long special(long w) {
        long quote = w ^ ('"' * ByteLanes.ONES);
        long backslash = w ^ ('\\' * ByteLanes.ONES);
        return ((w - 0x20 * ByteLanes.ONES) & ~w                       // below 0x20
                | (quote - ByteLanes.ONES) & ~quote                      // '"'
                | (backslash - ByteLanes.ONES) & ~backslash              // '\\'
                | (w + ByteLanes.ONES) | w) & ByteLanes.HIGH;            // 0x7F and above
    }

    /**
     * Copies the plain run at {@code b[i..]} into {@code out[o..]}, up to the next special byte (see
     * {@link #plainRun}), eight bytes at a time: each word is stored before it is tested, so a run costs one pass
     * instead of a search and then a copy, which matters where escapes come every few bytes (JSON inside a JSON
     * string). {@code out} needs {@link #COPY_SLACK} bytes past the run.
     *
     * @return the run's length, or -1 when it is longer than {@code max}
     */
    static int copyRun(byte[] b, int i, int end, byte[] out, int o, int max) {
        int start = i;
        for (; i + 8 <= end; i += 8) {
            if (i - start > max) {
                return -1;
            }
            long w = ByteLanes.word(b, i);
            ByteLanes.setWord(out, o + (i - start), w);
            long special = special(w);
            if (special != 0) {
                int n = ByteLanes.firstLane(i, special) - start;
                return n > max ? -1 : n;
            }
        }
        int run = plainRun(b, i, end);
        if (run - start > max) {
            return -1;
        }
        System.arraycopy(b, i, out, o + (i - start), run - i);
        return run - start;
    }

    /** Bytes {@link #copyRun} may store past the run it copies. */
    static final int COPY_SLACK = 8;

    /** The string from {@code start}, whose first special byte is at {@code i}: plain runs copied in bulk. */
    private String escaped(int start, int i, boolean dropLineEnds) {
        byte[] bytes = b;
        if (scratch.length < end - start + COPY_SLACK) {
            scratch = new byte[Math.max(end - start + COPY_SLACK, scratch.length * 2)];
        }
        byte[] out = scratch;
        System.arraycopy(bytes, start, out, 0, i - start);
        int n = i - start;
        while (i < end) {
            byte c = bytes[i];
            if (c == '"') {
                pos = i + 1;
                while (dropLineEnds && n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r')) {
                    n--;                                // a raw line end is always escaped: only this path sees one
                }
                return new String(out, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (c != '\\' || i + 1 >= end) {
                return null;                           // a raw control byte, DEL or non-ASCII
            }
            byte e = bytes[i + 1];
            if (e == '"') {
                noteKey(i + 2, n);
                out[n++] = '"';
            } else if (e == 'n') {
                out[n++] = '\n';
            } else if (e == 't') {
                out[n++] = '\t';
            } else if (e == '\\' || e == '/') {
                out[n++] = e;
            } else {
                return null;                           // escaped u, r, b, f may need hygiene: Jackson's path
            }
            i += 2;
            int run = copyRun(bytes, i, end, out, n, Integer.MAX_VALUE);
            n += run;
            i += run;
        }
        return null;
    }

    /** After an escaped quote that becomes the message's char {@code quoteAt}: see {@link EnvelopeKeys#ahead}. */
    private void noteKey(int from, int quoteAt) {
        int ahead = EnvelopeKeys.ahead(b, from, end);
        if (ahead == EnvelopeKeys.LOG_AHEAD && logValueAt < 0) {
            logValueAt = quoteAt + EnvelopeKeys.LOG_KEY.length();
        } else if (ahead == EnvelopeKeys.PARTIAL_AHEAD) {
            partialKey = true;
        }
    }

    private boolean atBoundary() {
        skipSpace();
        return pos < end && (b[pos] == ',' || b[pos] == '}' || b[pos] == ']');
    }

    private boolean next(char c) {
        skipSpace();
        if (pos < end && b[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean peek(char c) {
        skipSpace();
        return pos < end && b[pos] == c;
    }

    /** JSON whitespace; the one compare against ' ' first ends it at once for every other char (compact JSON). */
    private void skipSpace() {
        while (pos < end && b[pos] <= ' ' && (b[pos] == ' ' || b[pos] == '\n' || b[pos] == '\r' || b[pos] == '\t')) {
            pos++;
        }
    }
}
