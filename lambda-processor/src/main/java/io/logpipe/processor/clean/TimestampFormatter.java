package io.logpipe.processor.clean;

import java.nio.charset.StandardCharsets;

/**
 * Formats epoch millis as ISO-8601 UTC with exactly three fraction digits,
 * {@code 2024-03-12T10:15:32.123Z}, the {@code @timestamp} form of the documents.
 *
 * <p>Hand-written for the same reason as {@link TimestampParser}: {@code DateTimeFormatter}
 * costs about a microsecond per call. Events of a batch are close in time, so the
 * {@code yyyy-MM-ddTHH:mm:ss.} bytes are kept for the last second (and the date for the last
 * day) and usually only the three millis digits are written; the only allocation is the
 * result String.
 *
 * <p><b>Not thread-safe:</b> the cache is mutable; use one instance per thread.
 */
public final class TimestampFormatter {

    /** 0000-01-01T00:00:00.000Z; earlier instants are clamped to it. */
    static final long MIN_MILLIS = -62_167_219_200_000L;
    /** 9999-12-31T23:59:59.999Z; later instants are clamped to it. */
    static final long MAX_MILLIS = 253_402_300_799_999L;

    /** Length of every formatted timestamp. */
    public static final int LENGTH = 24;
    private static final int MILLIS_AT = 20;

    private final byte[] buffer = "0000-00-00T00:00:00.000Z".getBytes(StandardCharsets.US_ASCII);
    private long cachedSecond = Long.MIN_VALUE;
    private long cachedDay = Long.MIN_VALUE;

    /**
     * Any epoch millis, including negative (before 1970), as {@code yyyy-MM-ddTHH:mm:ss.SSSZ}.
     * The four-digit year cannot show years outside 0000–9999, so such instants are clamped to
     * 0000-01-01T00:00:00.000Z or 9999-12-31T23:59:59.999Z; this also covers
     * {@link TimestampParser#NONE}, which callers should not pass.
     */
    public String format(long epochMillis) {
        // ISO_8859_1 decoding of ASCII bytes is a plain array copy into a Latin-1 String.
        return new String(formatAscii(epochMillis), 0, LENGTH, StandardCharsets.ISO_8859_1);
    }

    /**
     * {@link #format} as its 24 ASCII bytes, in this formatter's own buffer: valid until the next call, not to be
     * changed. For the document writer, which copies them straight into its output (no String, no encoding).
     */
    public byte[] formatAscii(long epochMillis) {
        long millis = Math.clamp(epochMillis, MIN_MILLIS, MAX_MILLIS);
        long second = Math.floorDiv(millis, 1000);
        if (second != cachedSecond) {
            fillSecond(second);
        }
        int milli = (int) (millis - second * 1000);
        buffer[MILLIS_AT] = (byte) ('0' + milli / 100);
        buffer[MILLIS_AT + 1] = (byte) ('0' + milli / 10 % 10);
        buffer[MILLIS_AT + 2] = (byte) ('0' + milli % 10);
        return buffer;
    }

    /** Rewrites {@code yyyy-MM-ddTHH:mm:ss} (the date only when the day changed). */
    private void fillSecond(long second) {
        long day = Math.floorDiv(second, 86_400);
        if (day != cachedDay) {
            int ymd = CivilDates.yearMonthDay(day);
            int year = ymd >> 9;
            put2(0, year / 100);
            put2(2, year % 100);
            put2(5, ymd >> 5 & 0xF);
            put2(8, ymd & 0x1F);
            cachedDay = day;
        }
        int secondOfDay = (int) (second - day * 86_400);
        put2(11, secondOfDay / 3600);
        put2(14, secondOfDay / 60 % 60);
        put2(17, secondOfDay % 60);
        cachedSecond = second;
    }

    private void put2(int at, int value) {
        buffer[at] = (byte) ('0' + value / 10);
        buffer[at + 1] = (byte) ('0' + value % 10);
    }
}
