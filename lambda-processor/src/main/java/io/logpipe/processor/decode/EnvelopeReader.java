package io.logpipe.processor.decode;

import io.logpipe.processor.json.QuickJsonReader;
import io.logpipe.processor.model.PreReadEnvelope;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a log event's message that is a FireLens (Fluent Bit) envelope, {@code {"container_id":"…","log":"…",
 * "source":"stdout"}}, straight from the payload bytes, where it is a JSON string holding JSON. One pass gives
 * the envelope's fields (unescaped twice, exactly as {@link QuickJsonReader} reads them from the message), so the
 * parse stage does not read the ~550 chars again, and the message's length; the message itself (unescaped once,
 * exactly as {@link PlainPayloadReader} makes it) is kept as the payload spells it and built only on demand
 * ({@link PreReadEnvelope#message}).
 *
 * <p>Why: FireLens events cost ~6 µs against ~3.7 µs for the same lines without their envelope; unescaping each
 * message and then reading it again as JSON (an escape every dozen chars, twice) was ~30 % of their time.
 *
 * <p>Only the plain shape is taken: a compact, flat object of string values whose first key is one FireLens
 * writes, holding a {@code log} key and at most 16 others, every char printable ASCII, escapes {@code \" \\ \/} in the payload and
 * {@code \" \\ \/ \n \t} inside the message's strings, no {@code partial_message}. Anything else is null, and the
 * message is read as before.
 * Not thread-safe (reuses its buffers); one per payload reader.
 */
final class EnvelopeReader {
    /** The envelope (it carries the message), where it ends in the payload, and its {@link EnvelopeKeys}. */
    record Result(PreReadEnvelope envelope, int end, int envelopeKeys) {
    }

    /** The keys FireLens writes; an envelope starts with one of them. */
    private static final String[] FIRELENS_KEYS = {"container_id", "container_name", "source", "log", "ecs_cluster",
            "ecs_task_arn", "ecs_task_definition"};
    private static final byte[][] FIRELENS_KEY_BYTES = new byte[FIRELENS_KEYS.length][];
    private static final int LOG = 3;                  // index of "log" in FIRELENS_KEYS

    static {
        for (int i = 0; i < FIRELENS_KEYS.length; i++) {
            FIRELENS_KEY_BYTES[i] = FIRELENS_KEYS[i].getBytes(StandardCharsets.US_ASCII);
        }
    }
    private static final int MAX_MESSAGE = 1 << 20;   // QuickJsonReader's own bound on a text it reads

    private final int maxFields;
    /** Fields besides {@code log} an envelope may have and still take this path: FireLens writes six. */
    private static final int MAX_FIELDS = 16;
    private final String[] fieldKeys = new String[MAX_FIELDS];
    private final String[] fieldValues = new String[MAX_FIELDS];
    private byte[] b;
    private int end;
    private int p;                                     // read position in the payload
    private int start;                                 // where the message's spelling starts (after its quote)
    private int t;                                     // the message's length so far (the payload string unescaped once)
    private byte[] value = new byte[1024];             // the string being read, unescaped twice
    private int v;
    private int logValueAt;
    private boolean partialKey;
    // The last value read under each FireLens key, kept with its bytes: cluster, task, container and source repeat
    // from one event to the next (per task and stream), and handing out the same String instance lets every later
    // comparison (task ARN split, naming, the sink's repeated fields) succeed on identity, without reading chars.
    private final String[] lastValues = new String[FIRELENS_KEYS.length];
    private final byte[][] lastValueBytes = new byte[FIRELENS_KEYS.length][];
    private final int[] lastValueLengths = new int[FIRELENS_KEYS.length];

    EnvelopeReader(int maxFields) {
        this.maxFields = maxFields;
    }

    /** The envelope whose message string opens with the quote at {@code quote}, or null when it is not plain. */
    Result read(byte[] bytes, int quote, int limit) {
        if (!SpelledStrings.opensObject(bytes, quote, limit)) {
            return null;
        }
        b = bytes;
        end = limit;
        start = quote + 1;
        p = quote + 2;
        value = SpelledStrings.roomFor(value, quote, limit, MAX_MESSAGE);
        t = 1;                                          // the message's '{'
        logValueAt = -1;
        partialKey = false;
        try {
            return object();
        } finally {
            b = null;
        }
    }

    private Result object() {
        int count = 0;
        String log = null;
        int keys = 0;
        while (true) {
            String key = quoted(true, null);
            if (key == null || (keys == 0 && !isFireLensKey(key)) || ++keys > maxFields
                    || p >= end || b[p] != ':') {
                return null;
            }
            p++;
            t++;                                        // ':'
            String value = quoted(false, key);
            if (value == null || p >= end) {
                return null;
            }
            if (key.equals("log")) {
                log = value;                            // a repeated key keeps its last value, as a map does
            } else {
                int at = indexOf(key, count);
                if (at < 0) {
                    if (count == MAX_FIELDS) {
                        return null;                    // not the plain shape: the general path reads it
                    }
                    at = count++;
                    fieldKeys[at] = key;
                }
                fieldValues[at] = value;                // where the first stood, as a map does
            }
            byte next = b[p++];
            t++;
            if (next == '}') {
                break;
            }
            if (next != ',') {
                return null;
            }
        }
        if (log == null || partialKey || p >= end || b[p] != '"' || t > MAX_MESSAGE) {
            return null;
        }
        byte[] spelled = Arrays.copyOfRange(b, start, p);   // one copy; unescaped only if ever needed
        PreReadEnvelope envelope = new PreReadEnvelope(Arrays.copyOf(fieldKeys, count), Arrays.copyOf(fieldValues, count),
                log, spelled, t);
        return new Result(envelope, p + 1, EnvelopeKeys.pack(logValueAt, false));
    }

    /** Where {@code key} already stands among the first {@code count} fields, or -1. */
    private int indexOf(String key, int count) {
        for (int i = 0; i < count; i++) {
            if (fieldKeys[i].equals(key)) {             // FireLens keys are constants: identity decides
                return i;
            }
        }
        return -1;
    }

    /**
     * The message's string whose opening quote ({@code \"} in the payload) is at p, unescaped; null if not plain.
     * A {@code key} FireLens writes comes back as this class's constant: the parse stage switches on keys, and a
     * new String would be hashed there (and in the map) anew every time.
     */
    private String quoted(boolean key, String valueOf) {
        if (p + 1 >= end || b[p] != '\\' || b[p + 1] != '"') {
            return null;
        }
        quote(p + 2);
        p += 2;
        v = 0;
        while (true) {
            if (!copyRun()) {
                return null;                            // over MAX_MESSAGE: the buffer stays bounded
            }
            if (p >= end || b[p] != '\\') {
                return null;                            // the payload string ends, or a raw control or non-ASCII byte
            }
            int n = SpelledStrings.escape(b, p, end, value, v);
            if (n == SpelledStrings.CLOSE) {            // the message's closing quote (never followed by a key)
                t++;
                p += 2;
                String known = key ? fireLensKey() : null;
                return known != null ? known : valueString(valueOf);
            }
            if (n == SpelledStrings.NOT_PLAIN) {
                return null;
            }
            // a quote inside a string is escaped once more than a key of the message could be, so only opening
            // quotes are looked behind (see quote)
            v++;
            p += n;
            t += SpelledStrings.messageChars(n);
        }
    }

    /** Copies the plain run at p into {@link #value} ({@link PlainPayloadReader#copyRun}); false past MAX_MESSAGE. */
    private boolean copyRun() {
        int n = PlainPayloadReader.copyRun(b, p, end, value, v, MAX_MESSAGE - t);   // v <= t: the buffer holds it
        if (n < 0) {
            return false;
        }
        p += n;
        v += n;
        t += n;
        return true;
    }

    /** The constant for the key just read into {@link #value}, when it is one FireLens writes; else null. */
    private String fireLensKey() {
        int k = switch (v) {                           // the keys' lengths tell them apart, but for two of 12
            case 3 -> LOG;
            case 6 -> 2;
            case 11 -> 4;
            case 12 -> value[0] == 'c' ? 0 : 5;
            case 14 -> 1;
            case 19 -> 6;
            default -> -1;
        };
        return k >= 0 && Arrays.equals(value, 0, v, FIRELENS_KEY_BYTES[k], 0, v) ? FIRELENS_KEYS[k] : null;
    }

    /** The value just read into {@link #value}, as the same String as last time when it repeats under its key. */
    private String valueString(String key) {
        int k = -1;
        for (int i = 0; i < FIRELENS_KEYS.length; i++) {
            if (FIRELENS_KEYS[i] == key) {
                k = i;
                break;
            }
        }
        if (k < 0 || k == LOG) {                 // the log line itself rarely repeats
            return new String(value, 0, v, StandardCharsets.ISO_8859_1);
        }
        byte[] last = lastValueBytes[k];
        if (last != null && lastValueLengths[k] == v && Arrays.equals(value, 0, v, last, 0, v)) {
            return lastValues[k];
        }
        String s = new String(value, 0, v, StandardCharsets.ISO_8859_1);
        if (last == null || last.length < v) {
            last = lastValueBytes[k] = new byte[Math.max(v, 64)];
        }
        System.arraycopy(value, 0, last, 0, v);
        lastValueLengths[k] = v;
        lastValues[k] = s;
        return s;
    }

    /** By identity: {@link #quoted} hands out the constants for these keys. */
    private static boolean isFireLensKey(String key) {
        for (String known : FIRELENS_KEYS) {
            if (known == key) {
                return true;
            }
        }
        return false;
    }

    /**
     * The opening '"' of one of the message's strings, from the payload's {@code \"} just before {@code from}; see
     * {@link EnvelopeKeys#ahead}. Only an opening quote can be followed by {@code log\":\"} or
     * {@code partial_message\"}: after a closing one comes ':', ',' or '}', and after a quote inside a string
     * the payload escapes again.
     */
    private void quote(int from) {
        int ahead = EnvelopeKeys.ahead(b, from, end);
        if (ahead == EnvelopeKeys.LOG_AHEAD && logValueAt < 0) {
            logValueAt = t + EnvelopeKeys.LOG_KEY.length();
        } else if (ahead == EnvelopeKeys.PARTIAL_AHEAD) {
            partialKey = true;
        }
        t++;                                            // the message's '"'
    }
}
