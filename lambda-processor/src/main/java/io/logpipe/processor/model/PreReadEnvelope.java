package io.logpipe.processor.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message that is a flat JSON object of strings holding a {@code log} line, the shape FireLens wraps container
 * lines in, as the decoder already read it on its way through the payload: what reading the message as JSON
 * would give, with {@code log} apart. The parse stage decides whether it is an envelope. Read-only by contract.
 *
 * <p>It may also carry the message itself, still spelled as the payload's JSON string ({@link SpelledText}).
 * Equality is that of {@link #fields} and {@link #log}.
 */
public final class PreReadEnvelope {
    private final String[] keys;            // the object's other fields, in order, each key once
    private final String[] values;
    private final String log;
    private final SpelledText message;      // null when the envelope does not carry its message
    private Map<String, Object> fields;     // as a map, built on first use (a race builds it twice; the wrapper's
                                            // final field publishes the whole map safely)

    /**
     * @param fields the object's other fields, in order (the values are Strings)
     * @param log    the {@code log} value
     */
    public PreReadEnvelope(Map<String, ?> fields, String log) {
        this(fields.keySet().toArray(String[]::new), fields.values().toArray(String[]::new), log, null, -1);
    }

    /**
     * @param keys          the object's other keys, in order, none twice (the arrays are kept, not copied)
     * @param values        their values
     * @param spelled       the message as the content of a JSON string whose only escapes are {@code \" \\ \/}
     * @param messageLength the length of the message those bytes spell
     */
    public PreReadEnvelope(String[] keys, String[] values, String log, byte[] spelled, int messageLength) {
        if (keys.length != values.length) {
            throw new IllegalArgumentException(keys.length + " keys for " + values.length + " values");
        }
        this.keys = keys;
        this.values = values;
        this.log = Objects.requireNonNull(log, "log");
        this.message = spelled == null ? null : new SpelledText(spelled, messageLength);
    }

    /**
     * Number of fields besides {@code log}; {@link #key} and {@link #value} read them in order without a map (the
     * parse stage applies them one by one: a LinkedHashMap built and walked per FireLens event was ~2 % of their time).
     */
    public int fieldCount() {
        return keys.length;
    }

    public String key(int i) {
        return keys[i];
    }

    public String value(int i) {
        return values[i];
    }

    /** The fields besides {@code log}, in order, as a read-only map. */
    public Map<String, Object> fields() {
        Map<String, Object> f = fields;
        if (f == null) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < keys.length; i++) {
                m.put(keys[i], values[i]);
            }
            fields = f = Collections.unmodifiableMap(m);
        }
        return f;
    }

    public String log() {
        return log;
    }

    /** Whether this envelope carries its message ({@link #message}). */
    public boolean hasMessage() {
        return message != null;
    }

    /** The whole message, the envelope's JSON text; null unless {@link #hasMessage}. */
    public String message() {
        return message == null ? null : message.text();
    }

    /** The length of {@link #message} (without unescaping it); -1 unless {@link #hasMessage}. */
    public int messageLength() {
        return message == null ? -1 : message.length();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreReadEnvelope other && fields().equals(other.fields()) && log.equals(other.log);
    }

    @Override
    public int hashCode() {
        return 31 * fields().hashCode() + log.hashCode();
    }

    @Override
    public String toString() {
        return "PreReadEnvelope[fields=" + fields() + ", log=" + log + "]";
    }
}
