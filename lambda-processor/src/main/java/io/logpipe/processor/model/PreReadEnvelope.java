package io.logpipe.processor.model;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A message that is a flat JSON object of strings holding a {@code log} line, the shape FireLens wraps container
 * lines in, as the decoder already read it on its way through the payload: what reading the message as JSON
 * would give, with {@code log} apart. The parse stage decides whether it is an envelope. Read-only by contract.
 *
 * <p>It may also carry the message itself, still spelled as the payload's JSON string: the whole envelope text is
 * needed only by dead letters and by multi-line joining around it, so it is unescaped on first use. Why: building
 * it for every FireLens event (a copy per run between escapes, then a String) was ~2 % of the job, for a text the
 * documents never show. Equality is that of {@link #fields} and {@link #log}.
 */
public final class PreReadEnvelope {
    private final Map<String, Object> fields;
    private final String log;
    private final byte[] spelled;           // the message as the payload's string: only \" \\ \/ escapes, ASCII
    private final int messageLength;
    private String message;                 // unescaped on first use (a race only computes it twice)

    /**
     * @param fields the object's other fields, in order (the values are Strings)
     * @param log    the {@code log} value
     */
    public PreReadEnvelope(Map<String, Object> fields, String log) {
        this(fields, log, null, -1);
    }

    /**
     * @param spelled       the message as the content of a JSON string whose only escapes are {@code \" \\ \/}
     * @param messageLength the length of the message those bytes spell
     */
    public PreReadEnvelope(Map<String, Object> fields, String log, byte[] spelled, int messageLength) {
        this.fields = Objects.requireNonNull(fields, "fields");
        this.log = Objects.requireNonNull(log, "log");
        this.spelled = spelled;
        this.messageLength = messageLength;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    public String log() {
        return log;
    }

    /** Whether this envelope carries its message ({@link #message}). */
    public boolean hasMessage() {
        return spelled != null;
    }

    /** The whole message, the envelope's JSON text; null unless {@link #hasMessage}. */
    public String message() {
        String m = message;
        if (m == null && spelled != null) {
            message = m = unescape(spelled, messageLength);
        }
        return m;
    }

    /** The length of {@link #message} (without unescaping it); -1 unless {@link #hasMessage}. */
    public int messageLength() {
        return messageLength;
    }

    private static String unescape(byte[] spelled, int length) {
        byte[] out = new byte[length];
        int n = 0;
        for (int i = 0; i < spelled.length; i++) {
            byte c = spelled[i];
            out[n++] = c == '\\' ? spelled[++i] : c;       // \" \\ \/ each stand for their second char
        }
        if (n != length) {
            throw new IllegalStateException("envelope message spelled as " + n + " chars, expected " + length);
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreReadEnvelope other && fields.equals(other.fields) && log.equals(other.log);
    }

    @Override
    public int hashCode() {
        return 31 * fields.hashCode() + log.hashCode();
    }

    @Override
    public String toString() {
        return "PreReadEnvelope[fields=" + fields + ", log=" + log + "]";
    }
}
