package io.logpipe.processor.model;

/**
 * One log event as the transport delivered it, after decoding and text hygiene.
 *
 * @param id        CloudWatch event id, or {@code <topic>-<partition>-<offset>} for Kafka; becomes {@code _id}
 * @param timestamp transport time in epoch millis (CloudWatch ingestion time or Kafka record time)
 * @param message   the sanitised message text
 * @param joinedLines how many delivered events were joined into this one (1 unless multi-line or partial)
 */
public record RawLogRecord(String id, long timestamp, String message, SourceContext source, int joinedLines) {

    public RawLogRecord(String id, long timestamp, String message, SourceContext source) {
        this(id, timestamp, message, source, 1);
    }

    public RawLogRecord withMessage(String newMessage, int addedLines) {
        return new RawLogRecord(id, timestamp, newMessage, source, joinedLines + addedLines);
    }
}
