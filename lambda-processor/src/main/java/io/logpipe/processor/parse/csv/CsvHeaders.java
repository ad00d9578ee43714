package io.logpipe.processor.parse.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The CSV layouts the processor recognises, from {@code LOGPIPE_CSV_HEADERS} (header lines separated by
 * {@code ;;}). A CSV stream's header is written once, at start-up or after a file rotation, and FireLens ships
 * each line as its own event, so the parser cannot learn a header from the data: it must be configured. A data
 * line is matched to the header with its number of columns (the first configured header wins a tie).
 *
 * @param headers each header's column names, in order
 */
public record CsvHeaders(List<List<String>> headers) {
    /** The header line the sample log service ({@code sample-app}) writes with {@code LOG_FORMAT=csv}. */
    public static final String SAMPLE_APP_HEADER =
            "timestamp,level,service,logger,event,message,user_id,session_token,trace_id,method,path,status,duration_ms";
    public static final int MAX_COLUMNS = 64;
    public static final int MAX_HEADERS = 32;
    private static final int MAX_NAME_CHARS = 64;

    public CsvHeaders {
        if (headers.size() > MAX_HEADERS) {
            throw new IllegalArgumentException("LOGPIPE_CSV_HEADERS: at most " + MAX_HEADERS + " headers, got " + headers.size());
        }
        headers = headers.stream().map(CsvHeaders::validated).toList();
    }

    public static CsvHeaders defaults() {
        return of(List.of(SAMPLE_APP_HEADER));
    }

    /** {@code LOGPIPE_CSV_HEADERS}; unset means {@link #defaults()}, an empty value means no CSV parsing. */
    public static CsvHeaders fromEnv(Map<String, String> env) {
        String value = env.get("LOGPIPE_CSV_HEADERS");
        if (value == null) {
            return defaults();
        }
        List<String> lines = Arrays.stream(value.split(Pattern.quote(";;"))).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return of(lines);
    }

    public static CsvHeaders of(List<String> headerLines) {
        List<List<String>> parsed = new ArrayList<>(headerLines.size());
        for (String line : headerLines) {
            parsed.add(Arrays.stream(line.split(",", -1)).map(String::strip).toList());
        }
        return new CsvHeaders(parsed);
    }

    private static List<String> validated(List<String> columns) {
        if (columns.size() < 2 || columns.size() > MAX_COLUMNS) {
            throw new IllegalArgumentException("LOGPIPE_CSV_HEADERS: a header needs 2 to " + MAX_COLUMNS
                    + " columns, got " + columns.size() + ": " + columns);
        }
        Set<String> seen = new HashSet<>();
        for (String name : columns) {
            if (name.isEmpty() || name.length() > MAX_NAME_CHARS || name.indexOf('"') >= 0 || !seen.add(name)) {
                throw new IllegalArgumentException("LOGPIPE_CSV_HEADERS: column names must be unique, unquoted and 1 to "
                        + MAX_NAME_CHARS + " characters: " + columns);
            }
        }
        return List.copyOf(columns);
    }

    /** Lookups built once: header lines as written, and the header for each column count. */
    Index index() {
        return new Index(this);
    }

    static final class Index {
        private final Set<String> lines = new HashSet<>();
        private final boolean[] lineLengths;
        private final Map<Integer, List<String>> byColumnCount = new HashMap<>();
        private final int maxLineLength;

        private Index(CsvHeaders config) {
            int longest = 0;
            for (List<String> columns : config.headers()) {
                String line = String.join(",", columns);
                lines.add(line);
                longest = Math.max(longest, line.length());
                byColumnCount.putIfAbsent(columns.size(), columns);
            }
            maxLineLength = longest;
            lineLengths = new boolean[longest + 1];
            for (String line : lines) {
                lineLengths[line.length()] = true;
            }
        }

        boolean isEmpty() {
            return lines.isEmpty();
        }

        /** The length of the longest header line. */
        int maxLineLength() {
            return maxLineLength;
        }

        /** Whether some header line starts with {@code c}. */
        boolean mayStartHeaderLine(char c) {
            for (String line : lines) {
                if (line.charAt(0) == c) {
                    return true;
                }
            }
            return false;
        }

        boolean isHeaderLine(String line) {
            return line.length() <= maxLineLength && lineLengths[line.length()] && lines.contains(line);
        }

        List<String> columnsFor(int count) {
            return byColumnCount.get(count);
        }
    }
}
