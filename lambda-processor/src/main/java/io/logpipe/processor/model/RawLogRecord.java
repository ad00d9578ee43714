package io.logpipe.processor.model;

/**
 * One log event as the transport delivered it, after decoding and text hygiene.
 *
 * @param id        CloudWatch event id, or {@code <topic>-<partition>-<offset>} for Kafka; becomes {@code _id}
 * @param timestamp transport time in epoch millis (CloudWatch ingestion time or Kafka record time)
 * @param message   the sanitised message text; null when {@code envelope} or {@code record} carries it (see
 *                  {@link #message()})
 * @param joinedLines how many delivered events were joined into this one (1 unless multi-line or partial)
 * @param envelope  the message as a FireLens-shaped object when the decoder already read it so, else null
 * @param record    the message as a JSON record when the decoder already read it so, else null
 */
public record RawLogRecord(String id, long timestamp, String message, SourceContext source, int joinedLines,
                           PreReadEnvelope envelope, PreReadRecord record) {

    public RawLogRecord(String id, long timestamp, String message, SourceContext source) {
        this(id, timestamp, message, source, 1, null, null);
    }

    /** The sanitised message text (one the decoder pre-read is unescaped from the payload on first use). */
    @Override
    public String message() {
        if (message != null) {
            return message;
        }
        return envelope != null ? envelope.message() : record != null ? record.message() : null;
    }

    /** {@code message().length()}, without building the message of a pre-read envelope or record. */
    public int messageLength() {
        if (message != null) {
            return message.length();
        }
        return envelope != null ? envelope.messageLength() : record.messageLength();
    }

    /** This record with another message (what was pre-read of the old one no longer applies). */
    public RawLogRecord withMessage(String newMessage, int addedLines) {
        return new RawLogRecord(id, timestamp, newMessage, source, joinedLines + addedLines, null, null);
    }
}
