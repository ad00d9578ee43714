package io.logpipe.processor.model;

import java.util.Objects;

/**
 * An input that could not become a document, kept whole with the reason, so nothing is lost silently.
 *
 * @param time      epoch millis when the pipeline gave up
 * @param eventId   the event id when known (null for a payload that could not be decoded at all)
 * @param original  the original input: the raw log message, or the whole Lambda event line for payload failures
 * @param document  the serialised document when the failure happened after it was built (sink rejections), else null
 * @param events    how many log events this dead letter stands for (0 when the payload could not be opened)
 */
public record DeadLetter(
        long time,
        Stage stage,
        FailureKind kind,
        String reason,
        String eventId,
        SourceContext source,
        String original,
        String document,
        int events) {

    public DeadLetter {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    public static DeadLetter ofPayload(Stage stage, FailureKind kind, String reason, String original) {
        return new DeadLetter(System.currentTimeMillis(), stage, kind, reason, null, null, original, null, 0);
    }

    /** A document the sink can never store, kept with its serialised form. */
    public static DeadLetter rejected(String reason, RawLogRecord record, String document) {
        return new DeadLetter(System.currentTimeMillis(), Stage.SINK, FailureKind.DOCUMENT_REJECTED, reason, record.id(),
                record.source(), record.message(), document, record.joinedLines());
    }

    public static DeadLetter ofEvent(Stage stage, FailureKind kind, String reason, RawLogRecord record) {
        return new DeadLetter(System.currentTimeMillis(), stage, kind, reason, record.id(), record.source(),
                record.message(), null, record.joinedLines());
    }
}
