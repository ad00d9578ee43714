package io.logpipe.processor.parse;

import io.logpipe.processor.config.Limits;
import io.logpipe.processor.decode.TextSanitizer;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.model.PreReadEnvelope;
import io.logpipe.processor.model.PreReadRecord;
import io.logpipe.processor.parse.access.AccessLogParser;
import io.logpipe.processor.parse.access.ApacheErrorLogParser;
import io.logpipe.processor.parse.access.EnvoyAccessLogParser;
import io.logpipe.processor.parse.access.NginxErrorLogParser;
import io.logpipe.processor.parse.csv.CsvHeaders;
import io.logpipe.processor.parse.csv.CsvLogParser;
import io.logpipe.processor.parse.json.JsonLogParser;
import io.logpipe.processor.parse.json.LambdaJsonPlatformEvents;
import io.logpipe.processor.parse.lambda.LambdaPlatformParser;
import io.logpipe.processor.parse.lambda.LambdaTextParser;
import io.logpipe.processor.parse.logfmt.LogfmtParser;
import io.logpipe.processor.parse.stacktrace.StackTraceParser;
import io.logpipe.processor.parse.structured.InlineIds;
import io.logpipe.processor.parse.structured.StructuredFields;
import io.logpipe.processor.parse.text.DotnetConsoleParser;
import io.logpipe.processor.parse.text.NestLoggerParser;
import io.logpipe.processor.parse.text.PatternLayoutParser;
import io.logpipe.processor.parse.text.PlainTextParser;
import io.logpipe.processor.parse.text.PythonLoggingParser;
import io.logpipe.processor.parse.text.RubyLoggerParser;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The parse stage. JSON goes first: a FireLens envelope contributes its container metadata and its
 * {@code log} text is parsed again as the application's own line; a Lambda runtime's tab line likewise
 * hands its message part back for a second pass. Text formats are tried in order (each rejects a foreign
 * line after a few character checks), plain text last. Stack traces are extracted from whatever remains.
 */
public final class EventParser {
    private final JsonLogParser json;
    private final LambdaTextParser lambdaText = new LambdaTextParser();
    private final PlainTextParser plain = new PlainTextParser();
    /** For each ASCII first char, the text parsers that may accept a line starting with it, in order. */
    private final LogParser[][] parsersByFirstChar = new LogParser[128][];
    private final LogParser[] allParsers;

    public EventParser(Limits limits) {
        this(limits, CsvHeaders.defaults());
    }

    public EventParser(Limits limits, CsvHeaders csvHeaders) {
        this.json = new JsonLogParser(limits);
        this.allParsers = textParsers(limits, csvHeaders).toArray(LogParser[]::new);
        for (char c = 0; c < parsersByFirstChar.length; c++) {
            char first = c;
            parsersByFirstChar[c] = Arrays.stream(allParsers).filter(parser -> parser.mayStartWith(first))
                    .toArray(LogParser[]::new);
        }
    }

    /** The text formats, in the order they are tried: each rejects a foreign line after a few char tests. */
    static List<LogParser> textParsers(Limits limits, CsvHeaders csvHeaders) {
        return List.of(
                new LambdaPlatformParser(),
                new PythonLoggingParser(),
                new RubyLoggerParser(),
                new DotnetConsoleParser(),
                new NestLoggerParser(),
                new NginxErrorLogParser(),                    // before the pattern layouts: "[error]" is no thread
                new EnvoyAccessLogParser(),
                new ApacheErrorLogParser(),
                new CsvLogParser(csvHeaders, limits.maxAttributeChars()),
                new PatternLayoutParser(),
                new AccessLogParser(),
                new LogfmtParser());
    }

    public void parse(LogEvent e) {
        PreReadEnvelope envelope = e.raw.envelope();
        PreReadRecord record = e.raw.record();
        if (envelope != null && FireLens.isEnvelope(envelope)) {
            applyEnvelope(envelope, e);
        } else if (record != null) {
            applyJson(record.fields(), null, true, e, true);    // read by the decoder: plain text
        } else {
            parseText(e.raw.message(), e, true);
        }
        InlineIds.extract(e);
        StackTraceParser.extract(e);
        Map<String, String> headers = e.raw.source().kafkaHeaders();
        if (!headers.isEmpty()) {
            e.attributes().put("kafka_headers", new java.util.LinkedHashMap<String, Object>(headers));
        }
    }

    private void parseText(String text, LogEvent e, boolean outermost) {
        if (!text.isEmpty() && text.charAt(0) == '{' && parseJson(text, e, outermost)) {
            return;
        }
        String body = outermost ? lambdaText.body(text, e) : null;
        if (body != null) {
            if (!body.isEmpty() && body.charAt(0) == '{') {
                String dataset = e.dataset;
                e.message = null;
                if (!parseJson(body, e, false)) {
                    e.message = body;
                }
                e.dataset = dataset;
            }
            return;
        }
        char first = text.isEmpty() ? 0xFFFF : text.charAt(0);
        for (LogParser parser : first < parsersByFirstChar.length ? parsersByFirstChar[first] : allParsers) {
            if (parser.parse(text, e)) {
                return;
            }
        }
        plain.parse(text, e);
    }

    private boolean parseJson(String text, LogEvent e, boolean outermost) {
        Map<String, Object> record = json.read(text, e);
        if (record == null) {
            return false;
        }
        applyJson(record, text, json.lastReadWasPlainText(), e, outermost);
        return true;
    }

    /**
     * A JSON record read from {@code text} (null: the event's own message, not built unless needed), whose strings
     * are {@code plainText} ({@link JsonLogParser#lastReadWasPlainText}).
     */
    private void applyJson(Map<String, Object> record, String text, boolean plainText, LogEvent e, boolean outermost) {
        if (outermost && record.get("log") instanceof String log && FireLens.isEnvelope(record, record.size() - 1)) {
            record.remove("log");
            applyEnvelope(record, log, plainText, e);
            return;
        }
        LambdaJsonPlatformEvents.apply(record, e);
        json.apply(record, e);
        if (e.message == null) {
            e.message = text != null ? text : e.raw.message();
        }
    }

    /** A FireLens envelope: its fields (without {@code log}) as any JSON record's, then its log line parsed again. */
    private void applyEnvelope(Map<String, Object> fields, String log, boolean plainText, LogEvent e) {
        LambdaJsonPlatformEvents.apply(fields, e);
        json.apply(fields, e);
        // JSON escapes may have hidden ANSI/NUL from the decoder; a plain record has none (skipping the
        // second scan measured ~1.5 % of the job)
        parseLog(plainText ? TextSanitizer.trimLineEnds(log) : TextSanitizer.clean(log), e);
    }

    /**
     * The same for the envelope the decoder read: its values are plain strings, so it is never a Lambda platform
     * event (whose {@code record} is an object), and its fields are applied in order without a map.
     */
    private void applyEnvelope(PreReadEnvelope envelope, LogEvent e) {
        for (int i = 0; i < envelope.fieldCount(); i++) {
            StructuredFields.apply(e, envelope.key(i), envelope.value(i));
        }
        parseLog(TextSanitizer.trimLineEnds(envelope.log()), e);
    }

    /** The envelope's log line, parsed again as the application's own line (its fields do not make a message). */
    private void parseLog(String logText, LogEvent e) {
        e.message = null;
        e.dataset = null;
        parseText(logText, e, false);
    }
}
