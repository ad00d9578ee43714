package io.logpipe.processor.parse;

import io.logpipe.processor.model.LogEvent;

/**
 * One log format. {@link #parse} returns false, having changed nothing that matters, when the text is not
 * in its format, so the next parser can try; it never throws on bad input.
 */
public interface LogParser {
    LogFormat format();

    boolean parse(String text, LogEvent event);
}
