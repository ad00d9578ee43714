package io.logpipe.processor.parse.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.logpipe.processor.config.Limits;
import io.logpipe.processor.json.BoundedJsonReader;
import io.logpipe.processor.json.Json;
import io.logpipe.processor.json.JsonLimitException;
import io.logpipe.processor.json.QuickJsonReader;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.parse.LogFormat;
import io.logpipe.processor.parse.LogParser;
import io.logpipe.processor.parse.structured.StructuredFields;

import java.io.IOException;
import java.util.Map;

/**
 * JSON log lines: one object per line. The record is read whole (bounded in depth and field count) before
 * anything is applied, so a malformed or hostile line leaves the event untouched and degrades to text.
 */
public final class JsonLogParser implements LogParser {
    public static final String TAG_LIMITS = "json_limits_exceeded";

    private final Limits limits;
    private final QuickJsonReader quickReader;
    private boolean lastReadPlainText;

    public JsonLogParser(Limits limits) {
        this.limits = limits;
        this.quickReader = new QuickJsonReader(limits.maxJsonDepth(), limits.maxJsonFields());
    }

    @Override
    public LogFormat format() {
        return LogFormat.JSON;
    }

    @Override
    public boolean parse(String text, LogEvent e) {
        Map<String, Object> record = read(text, e);
        if (record == null) {
            return false;
        }
        apply(record, e);
        return true;
    }

    /**
     * Reads a JSON object line, or returns null when the text is not exactly one JSON object within the limits.
     * Plain records take {@link QuickJsonReader} (same result, about half the cost); anything it is unsure of is
     * read by Jackson, which also decides what a failure means.
     */
    public Map<String, Object> read(String text, LogEvent e) {
        if (text.length() < 2 || text.charAt(0) != '{' || text.charAt(text.length() - 1) != '}') {
            return null;
        }
        lastReadPlainText = false;
        Map<String, Object> quick = quickReader.readObject(text);
        if (quick != null) {
            lastReadPlainText = quickReader.lastObjectWasPlainText();
            return quick;
        }
        try (JsonParser p = Json.FACTORY.createParser(text)) {
            p.nextToken();
            @SuppressWarnings("unchecked")
            Map<String, Object> record = (Map<String, Object>) new BoundedJsonReader(limits.maxJsonDepth(), limits.maxJsonFields())
                    .readValue(p, 0);
            return p.nextToken() == null ? record : null;
        } catch (JsonLimitException | com.fasterxml.jackson.core.exc.StreamConstraintsException tooBig) {
            e.tag(TAG_LIMITS);
            return null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    /**
     * Whether the last {@link #read} returned a record whose strings hold nothing text hygiene would change but
     * trailing line breaks (see {@link QuickJsonReader#lastObjectWasPlainText}).
     */
    public boolean lastReadWasPlainText() {
        return lastReadPlainText;
    }

    public void apply(Map<String, Object> record, LogEvent e) {
        e.dataset = format().dataset();
        for (Map.Entry<String, Object> field : record.entrySet()) {
            StructuredFields.apply(e, field.getKey(), field.getValue());
        }
    }
}
