package io.logpipe.processor.model;

import java.util.Map;
import java.util.Objects;

/**
 * A message that is a JSON object (a JSON log line), as the decoder already read it on its way through the
 * payload: the record exactly as reading the message with {@code QuickJsonReader} would give it, every string
 * printable ASCII (nothing text hygiene would change), and the message still spelled as the payload's JSON string
 * ({@link SpelledText}). The parse stage takes the record in place of reading the message: it is handed over
 * once, and the parse stage may change it as it does a record it read itself.
 */
public final class PreReadRecord {
    private final Map<String, Object> fields;
    private final SpelledText message;

    public PreReadRecord(Map<String, Object> fields, SpelledText message) {
        this.fields = Objects.requireNonNull(fields, "fields");
        this.message = Objects.requireNonNull(message, "message");
    }

    public Map<String, Object> fields() {
        return fields;
    }

    /** The message, the record's JSON text, unescaped on first use. */
    public String message() {
        return message.text();
    }

    public int messageLength() {
        return message.length();
    }

    @Override
    public String toString() {
        return "PreReadRecord" + fields;
    }
}
