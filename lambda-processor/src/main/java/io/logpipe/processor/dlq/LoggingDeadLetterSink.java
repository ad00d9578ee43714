package io.logpipe.processor.dlq;

import io.logpipe.processor.model.DeadLetter;

import java.io.PrintStream;
import java.util.List;

/**
 * Fallback when no dead-letter store is configured: logs each dead letter's reason and ids as one JSON line,
 * deliberately WITHOUT the original input, which may contain secrets that were never redacted.
 */
public final class LoggingDeadLetterSink implements DeadLetterSink {
    private final PrintStream out;
    private final DeadLetterJson json = new DeadLetterJson();

    public LoggingDeadLetterSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public void accept(List<DeadLetter> deadLetters) {
        for (DeadLetter d : deadLetters) {
            DeadLetter withoutPayload = new DeadLetter(d.time(), d.stage(), d.kind(), d.reason(), d.eventId(), d.source(),
                    "[omitted: no dead-letter store configured]", null, d.events());
            out.println(json.toJson(withoutPayload));
        }
    }
}
