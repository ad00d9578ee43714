package io.logpipe.cli.io;

import io.logpipe.processor.model.SourceKind;

/** The {@code --format} option: which Lambda event kind the input holds; {@code auto} looks at each event. */
public enum EventFormat {
    AUTO, CLOUDWATCH, KAFKA;

    /** The event kind of one input event; auto-detection looks for the Kafka event's marker field. */
    public SourceKind kindOf(byte[] event) {
        return switch (this) {
            case CLOUDWATCH -> SourceKind.CLOUDWATCH;
            case KAFKA -> SourceKind.KAFKA;
            case AUTO -> looksLikeKafka(event) ? SourceKind.KAFKA : SourceKind.CLOUDWATCH;
        };
    }

    private static boolean looksLikeKafka(byte[] event) {
        int window = Math.min(event.length, 4096);
        String head = new String(event, 0, window, java.nio.charset.StandardCharsets.ISO_8859_1);
        return head.contains("\"eventSource\"") && (head.contains("aws:kafka") || head.contains("SelfManagedKafka"))
                || (head.contains("\"records\"") && !head.contains("\"awslogs\""));
    }
}
