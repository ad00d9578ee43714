package io.logpipe.processor.clean;

import io.logpipe.processor.config.Limits;
import io.logpipe.processor.model.Level;
import io.logpipe.processor.model.LogEvent;

import java.util.List;
import java.util.Map;

/**
 * The clean stage: resolves {@code @timestamp} (the message's own time when plausible, else the transport
 * time), normalises {@code log.level}, and bounds every string so no document outgrows the limits.
 */
public final class EventCleaner {
    public static final String TAG_TIMESTAMP_REJECTED = "timestamp_out_of_range";
    public static final String TAG_TRUNCATED = "truncated";
    private static final String ACCESS_LOG = "http.access";   // "-" 400 lines have a status but no method

    private final TimestampPolicy timestamps;
    private final Limits limits;

    public EventCleaner(TimestampPolicy timestamps, Limits limits) {
        this.timestamps = timestamps;
        this.limits = limits;
    }

    public void clean(LogEvent e) {
        e.timestamp = timestamp(e);
        e.level = level(e);
        if (e.message == null) {
            e.message = e.raw.message();
        }
        int raw = e.raw.messageLength();                           // no string can be longer than the raw line
        if (raw > limits.maxMessageChars()) {
            bound(e);
        }
        if (raw > limits.maxAttributeChars() && e.attributes != null) {
            boundValues(e, e.attributes, limits.maxAttributeChars());
        }
    }

    private long timestamp(LogEvent e) {
        long transport = e.raw.timestamp();
        long own = TimestampParser.NONE;
        if (e.timeText != null) {
            own = TimestampParser.parse(e.timeText);
        } else if (!Double.isNaN(e.timeNumber)) {
            own = TimestampParser.fromEpochNumber(e.timeNumber);
        }
        if (own == TimestampParser.NONE) {
            return transport;
        }
        if (!timestamps.plausible(own, transport)) {
            e.tag(TAG_TIMESTAMP_REJECTED);
            return transport;
        }
        return own;
    }

    private static Level level(LogEvent e) {
        Level level = e.levelText == null ? null : LevelNormalizer.fromText(e.levelText);
        if (level == null && e.levelNumber != LogEvent.UNSET) {
            level = LevelNormalizer.fromNumber(e.levelNumber);
        }
        if (level != null) {
            return level;
        }
        if (e.http != null && e.http.statusCode > 0 && (e.http.method != null || ACCESS_LOG.equals(e.dataset))) {
            return LevelNormalizer.fromHttpStatus(e.http.statusCode);
        }
        if (e.lambda != null && ("timeout".equals(e.lambda.status) || "error".equals(e.lambda.status)
                || "failure".equals(e.lambda.status))) {
            return Level.ERROR;
        }
        if (e.lambda != null && e.lambda.platformEvent != null) {
            // the platform's own lines (START, END, REPORT, ...) carry no level: their words are ids, aliases and
            // metric names ("Version: ERROR" is an alias), so they are not sniffed (and a third of Lambda lines
            // are these, ~0.5 % of the job)
            return Level.INFO;
        }
        if (e.error != null && (e.error.type != null || e.error.stackTrace != null)) {
            return Level.ERROR;
        }
        Level sniffed = e.message == null ? null : LevelNormalizer.sniff(e.message);
        return sniffed == null ? Level.INFO : sniffed;
    }

    private void bound(LogEvent e) {
        int max = limits.maxMessageChars();
        e.message = truncate(e, e.message, max);
        if (e.error != null) {
            e.error.message = truncate(e, e.error.message, max);
            e.error.stackTrace = truncate(e, e.error.stackTrace, limits.maxJoinedChars());
        }
    }

    @SuppressWarnings("unchecked")
    private static void boundValues(LogEvent e, Object container, int max) {
        if (container instanceof Map<?, ?> map) {
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
                if (entry.getValue() instanceof String s) {
                    entry.setValue(truncate(e, s, max));
                } else {
                    boundValues(e, entry.getValue(), max);
                }
            }
        } else if (container instanceof List<?> list) {
            List<Object> values = (List<Object>) list;
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) instanceof String s) {
                    values.set(i, truncate(e, s, max));
                } else {
                    boundValues(e, values.get(i), max);
                }
            }
        }
    }

    /** Cuts at {@code max} chars (never inside a surrogate pair) and says how much was cut. */
    static String truncate(LogEvent e, String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int cut = Character.isLowSurrogate(s.charAt(max)) ? max - 1 : max;
        e.tag(TAG_TRUNCATED);
        return s.substring(0, cut) + "…[truncated " + (s.length() - cut) + " chars]";
    }
}
