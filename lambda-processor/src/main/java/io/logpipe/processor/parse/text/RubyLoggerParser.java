package io.logpipe.processor.parse.text;

import io.logpipe.processor.clean.LevelNormalizer;
import io.logpipe.processor.clean.TimestampParser;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.parse.LogFormat;
import io.logpipe.processor.parse.LogParser;
import io.logpipe.processor.parse.TextScan;

/**
 * Ruby's standard {@code Logger} layout, which Rails writes to stdout in production:
 * {@code I, [2025-07-08T00:12:01.782345 #7]  INFO -- : Started GET "/"} or, with a program name,
 * {@code E, [2025-07-08T00:12:01.782345 #7] ERROR -- ActiveRecord: boom}. The program name becomes log.logger.
 */
public final class RubyLoggerParser implements LogParser {
    private static final String SEVERITY_LETTERS = "DIWEF";
    private static final String ARROW = " -- ";

    @Override
    public LogFormat format() {
        return LogFormat.RUBY_LOGGER;
    }

    @Override
    public boolean mayStartWith(char first) {
        return SEVERITY_LETTERS.indexOf(first) >= 0;
    }

    @Override
    public boolean parse(String s, LogEvent e) {
        if (s.length() < 30 || SEVERITY_LETTERS.indexOf(s.charAt(0)) < 0 || !s.startsWith(", [", 1)) {
            return false;
        }
        long ts = TimestampParser.matchPrefix(s, 4, s.length());
        int timeEnd = ts == TimestampParser.NONE ? -1 : 4 + TimestampParser.lengthOf(ts);
        if (timeEnd < 0 || !s.startsWith(" #", timeEnd)) {
            return false;
        }
        int pidEnd = TextScan.digitsEnd(s, timeEnd + 2);
        if (pidEnd == timeEnd + 2 || !s.startsWith("] ", pidEnd)) {
            return false;
        }
        int levelStart = pidEnd + 2;
        while (levelStart < s.length() && s.charAt(levelStart) == ' ') {
            levelStart++;                                      // "%5s": INFO and WARN are padded to five
        }
        int arrow = s.indexOf(ARROW, levelStart);
        if (arrow < 0 || arrow - levelStart > 5 || LevelNormalizer.fromText(s.substring(levelStart, arrow)) == null) {
            return false;
        }
        int nameEnd = s.indexOf(": ", arrow + ARROW.length() - 1);
        if (nameEnd < 0) {
            return false;
        }
        if (nameEnd > arrow + ARROW.length()) {
            e.logger = s.substring(arrow + ARROW.length(), nameEnd);
        }
        e.timeText = s.substring(4, timeEnd);
        e.levelText = s.substring(levelStart, arrow);
        e.message = s.substring(nameEnd + 2);
        e.dataset = format().dataset();
        return true;
    }
}
