package io.logpipe.sample.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The service's one JSON and CSV writer: log records, endpoint bodies and CSV rows all go through Jackson. */
public final class Jackson {
    private static final ObjectMapper JSON = new ObjectMapper();
    // Quote a CSV value only when it holds a separator, quote or line break, as RFC 4180 writers do.
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final ObjectWriter CSV_ROW = CSV.writer(CsvSchema.emptySchema().withoutHeader().withLineSeparator(""));

    private Jackson() {
    }

    /** A JSON object for these fields in their order (use a LinkedHashMap); null values are written as null. */
    public static String json(Map<String, ?> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One CSV record without its line break; a null value is an empty column. */
    static String csvRow(List<String> values) {
        try {
            // Jackson leaves a null list element out altogether; an empty string keeps its column.
            return CSV_ROW.writeValueAsString(values.stream().map(v -> v == null ? "" : v).toList());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
