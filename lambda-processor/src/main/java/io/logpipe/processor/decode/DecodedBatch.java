package io.logpipe.processor.decode;

import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.RawLogRecord;

import java.util.List;

/**
 * What a decoder made of one Lambda event.
 *
 * @param records     the log events to process, after partial and multi-line joining
 * @param deadLetters payload- or event-level failures found while decoding
 * @param eventsIn    log events the payload carried (0 when it could not be opened)
 * @param joined      delivered events that were folded into another record (stack trace lines, partials)
 * @param control     true for a CloudWatch CONTROL_MESSAGE, which yields no documents
 */
public record DecodedBatch(List<RawLogRecord> records, List<DeadLetter> deadLetters, int eventsIn, int joined,
                           boolean control) {

    public DecodedBatch {
        records = List.copyOf(records);
        deadLetters = List.copyOf(deadLetters);
    }

    public static DecodedBatch failed(DeadLetter deadLetter) {
        return new DecodedBatch(List.of(), List.of(deadLetter), 0, 0, false);
    }
}
