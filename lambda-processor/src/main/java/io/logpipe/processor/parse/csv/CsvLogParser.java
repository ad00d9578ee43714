package io.logpipe.processor.parse.csv;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.logpipe.processor.clean.TimestampParser;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.parse.LogFormat;
import io.logpipe.processor.parse.LogParser;
import io.logpipe.processor.parse.structured.StructuredFields;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV log lines with a configured header ({@link CsvHeaders}). A data line must start with a timestamp and have
 * exactly as many columns as a known header; its columns are then mapped like the keys of a JSON record
 * ({@link StructuredFields}: {@code level}, {@code message}, {@code user_id} → user.id, {@code trace_id} →
 * trace.id, {@code status} → http.response.status_code, ...). Lines joined after it (a stack trace delivered as
 * continuation lines) are appended to the message, where the stack-trace step finds them.
 *
 * <p>The header line itself becomes a small document tagged {@value #TAG_HEADER}, so that every delivered event
 * is still accounted for. Reading uses jackson-dataformat-csv's streaming parser (quotes, escaped quotes and
 * embedded commas); values longer than the attribute limit are cut, and more than {@link CsvHeaders#MAX_COLUMNS}
 * columns is not a match.
 */
public final class CsvLogParser implements LogParser {
    public static final String TAG_HEADER = "csv_header";

    /** Without a schema each row reads as an array of strings. */
    private static final CsvFactory FACTORY = new CsvFactory();

    private final CsvHeaders.Index headers;
    private final int maxValueChars;

    public CsvLogParser(CsvHeaders headers, int maxValueChars) {
        this.headers = headers.index();
        this.maxValueChars = maxValueChars;
    }

    @Override
    public LogFormat format() {
        return LogFormat.CSV;
    }

    @Override
    public boolean mayStartWith(char first) {
        return !headers.isEmpty() && (Character.isDigit(first) || headers.mayStartHeaderLine(first));
    }

    @Override
    public boolean parse(String text, LogEvent e) {
        if (headers.isEmpty() || text.isEmpty() || !mayMatch(text)) {
            return false;
        }
        int newline = text.indexOf('\n');
        String line = stripCr(newline < 0 ? text : text.substring(0, newline));
        if (headers.isHeaderLine(line)) {
            e.dataset = format().dataset();
            e.message = text;
            e.tag(TAG_HEADER);
            return true;
        }
        if (!startsWithTimestampColumn(line)) {
            return false;
        }
        List<String> values = split(line);
        List<String> columns = values == null ? null : headers.columnsFor(values.size());
        if (columns == null) {
            return false;
        }
        e.dataset = format().dataset();
        for (int i = 0; i < columns.size(); i++) {
            String value = values.get(i);
            if (!value.isEmpty()) {
                StructuredFields.apply(e, columns.get(i), value.length() > maxValueChars ? value.substring(0, maxValueChars) : value);
            }
        }
        if (newline >= 0) {
            e.message = (e.message == null ? "" : e.message) + text.substring(newline);
        } else if (e.message == null) {
            e.message = line;
        }
        return true;
    }

    /**
     * False when the first line can be neither a configured header line (its first char starts none, or it is too
     * long) nor a data line (its first comma is not where a timestamp column ends), judged from the first few dozen
     * chars only. Why: cutting out
     * the first line searched every message whole for a newline (~0.6 % of the job), and almost none is CSV;
     * with the bounded tab search in LambdaTextParser: +1.6 % (median of eight A/B pairs, six of them ahead).
     */
    private boolean mayMatch(String text) {
        int longestLine = headers.maxLineLength() + 1;                          // a header, and a '\r'
        if (headers.mayStartHeaderLine(text.charAt(0))
                && (text.length() <= longestLine || text.indexOf('\n', 0, longestLine + 1) >= 0)) {
            return true;
        }
        return Character.isDigit(text.charAt(0)) && text.indexOf(',', 0, Math.min(text.length(), 41)) >= 8;
    }

    private static String stripCr(String line) {
        return !line.isEmpty() && line.charAt(line.length() - 1) == '\r' ? line.substring(0, line.length() - 1) : line;
    }

    /** Cheap rejection of every other format: a CSV log line begins with its timestamp column. */
    private static boolean startsWithTimestampColumn(String line) {
        if (line.length() < 12 || !Character.isDigit(line.charAt(0))) {
            return false;
        }
        int comma = line.indexOf(',');
        if (comma < 8 || comma > 40) {
            return false;
        }
        long match = TimestampParser.matchPrefix(line, 0, comma);
        return match != TimestampParser.NONE && TimestampParser.lengthOf(match) == comma;
    }

    /** The columns of one CSV record, or null when the line is not exactly one well-formed record. */
    private static List<String> split(String line) {
        List<String> values = new ArrayList<>(16);
        try (CsvParser p = FACTORY.createParser(line)) {
            p.setSchema(CsvSchema.emptySchema());
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.VALUE_STRING) {
                if (values.size() == CsvHeaders.MAX_COLUMNS) {
                    return null;
                }
                values.add(p.getText());
            }
            return token == JsonToken.END_ARRAY && p.nextToken() == null ? values : null;
        } catch (IOException | RuntimeException malformed) {
            return null;
        }
    }
}
