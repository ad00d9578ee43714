package io.logpipe.processor.parse.text;

import io.logpipe.processor.clean.LevelNormalizer;
import io.logpipe.processor.clean.TimestampParser;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.parse.LogFormat;
import io.logpipe.processor.parse.LogParser;
import io.logpipe.processor.parse.TextScan;

/**
 * Python {@code logging} layouts: {@code [2025-07-08 00:12:01,782] ERROR: msg}, Flask's
 * {@code [2025-07-08 00:12:01,782] ERROR in app: msg}, gunicorn's
 * {@code [2025-07-08 00:12:01 +0000] [7] [INFO] msg} (pid, then level in brackets), and basicConfig's default
 * {@code ERROR:root:msg}.
 */
public final class PythonLoggingParser implements LogParser {

    @Override
    public LogFormat format() {
        return LogFormat.PYTHON_LOGGING;
    }

    @Override
    public boolean mayStartWith(char first) {
        return first == '[' || Character.isUpperCase(first);
    }

    @Override
    public boolean parse(String s, LogEvent e) {
        if (s.startsWith("[")) {
            return bracketed(s, e);
        }
        return basicConfig(s, e);
    }

    private boolean bracketed(String s, LogEvent e) {
        long ts = TimestampParser.matchPrefix(s, 1, s.length());
        if (ts == TimestampParser.NONE) {
            return false;
        }
        int close = 1 + TimestampParser.lengthOf(ts);
        if (close + 2 >= s.length() || s.charAt(close) != ']' || s.charAt(close + 1) != ' ') {
            return false;
        }
        int levelStart = close + 2;
        int pidEnd = s.startsWith("[", levelStart) ? TextScan.digitsEnd(s, levelStart + 1) : -1;
        boolean gunicorn = pidEnd > levelStart + 1 && s.startsWith("] [", pidEnd);
        if (gunicorn) {
            levelStart = pidEnd + 3;
        }
        int levelEnd = levelStart;
        while (levelEnd < s.length() && Character.isLetter(s.charAt(levelEnd))) {
            levelEnd++;
        }
        if (levelEnd == levelStart || LevelNormalizer.fromText(s.substring(levelStart, levelEnd)) == null) {
            return false;
        }
        if (gunicorn) {
            if (!s.startsWith("] ", levelEnd)) {
                return false;
            }
            return read(s, close, levelStart, levelEnd, levelEnd + 2, e);
        }
        int colon = s.indexOf(':', levelEnd);
        if (colon < 0 || (colon != levelEnd && !s.startsWith(" in ", levelEnd))) {
            return false;
        }
        if (colon != levelEnd) {
            e.logger = s.substring(levelEnd + 4, colon);
        }
        return read(s, close, levelStart, levelEnd, Math.min(colon + 2, s.length()), e);
    }

    /** A bracketed line's time (before {@code close}), level and message. */
    private boolean read(String s, int close, int levelStart, int levelEnd, int messageStart, LogEvent e) {
        e.timeText = s.substring(1, close);
        e.levelText = s.substring(levelStart, levelEnd);
        e.message = s.substring(messageStart);
        e.dataset = format().dataset();
        return true;
    }


    private boolean basicConfig(String s, LogEvent e) {
        if (s.isEmpty() || !Character.isUpperCase(s.charAt(0))) {
            return false;
        }
        int c1 = s.indexOf(':', 0, Math.min(s.length(), 9));   // the level: the first ':' within 4 to 8 chars
        if (c1 < 4) {
            return false;
        }
        int c2 = s.indexOf(':', c1 + 1);
        if (c2 < 0 || c2 - c1 > 100 || s.indexOf(' ', c1) < c2 && s.indexOf(' ', c1) >= 0) {
            return false;
        }
        String level = s.substring(0, c1);
        if (!level.equals(level.toUpperCase(java.util.Locale.ROOT)) || LevelNormalizer.fromText(level) == null) {
            return false;
        }
        e.levelText = level;
        e.logger = s.substring(c1 + 1, c2);
        e.message = s.substring(c2 + 1);
        e.dataset = format().dataset();
        return true;
    }
}
