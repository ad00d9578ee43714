package io.logpipe.processor.parse.text;

import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.parse.LogFormat;
import io.logpipe.processor.parse.LogParser;

/** The fallback: any text is a message; the clean stage sniffs its level. Always succeeds. */
public final class PlainTextParser implements LogParser {

    @Override
    public LogFormat format() {
        return LogFormat.PLAIN_TEXT;
    }

    @Override
    public boolean parse(String s, LogEvent e) {
        e.message = s;
        e.dataset = format().dataset();
        return true;
    }
}
