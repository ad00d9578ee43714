package io.logpipe.sample.format;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The time layouts of each format, all in UTC (containers run in UTC; the text layout carries no zone). */
final class Timestamps {
    /** Python logging's default {@code asctime}: {@code 2026-11-22 20:41:07,123}. */
    static final DateTimeFormatter PYTHON = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** ISO-8601 with milliseconds: {@code 2026-11-22T20:41:07.123Z}. */
    static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** The access log's {@code [22/Nov/2026:20:41:07 +0000]}. */
    static final DateTimeFormatter ACCESS = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }
}
