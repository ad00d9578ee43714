package io.logpipe.processor.parse;

import io.logpipe.processor.model.LogEvent;

/**
 * One log format. {@link #parse} returns false, having changed nothing that matters, when the text is not
 * in its format, so the next parser can try; it never throws on bad input.
 */
public interface LogParser {
    LogFormat format();

    boolean parse(String text, LogEvent event);

    /**
     * Whether a text starting with the ASCII char {@code first} could be in this format: false only when
     * {@link #parse} rejects every such text. The parse stage asks once per char at start-up and then offers a
     * line only to the formats its first char allows (a dozen megamorphic calls per line, each making its own
     * first tests, were ~2 % of the job).
     */
    default boolean mayStartWith(char first) {
        return true;
    }
}
