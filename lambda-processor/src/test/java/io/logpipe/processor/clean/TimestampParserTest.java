package io.logpipe.processor.clean;

import static io.logpipe.processor.clean.TimestampParser.NONE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampParserTest {

    private static long millis(String isoInstant) {
        return Instant.parse(isoInstant).toEpochMilli();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2025-07-08T00:12:01Z                | 2025-07-08T00:12:01Z
            2025-07-08T00:12:01.782Z            | 2025-07-08T00:12:01.782Z
            2025-07-08t00:12:01.782z            | 2025-07-08T00:12:01.782Z
            2025-07-08T00:12:01.7Z              | 2025-07-08T00:12:01.700Z
            2025-07-08T00:12:01.78Z             | 2025-07-08T00:12:01.780Z
            2025-07-08T00:12:01.123456789Z      | 2025-07-08T00:12:01.123Z
            2025-07-08T00:12:01.999999Z         | 2025-07-08T00:12:01.999Z
            2025-07-08T00:12:01,782Z            | 2025-07-08T00:12:01.782Z
            2025-07-08T00:12:01+02:00           | 2025-07-07T22:12:01Z
            2025-07-08T00:12:01.5-05:30         | 2025-07-08T05:42:01.500Z
            2025-07-08T00:12:01-0530            | 2025-07-08T05:42:01Z
            2025-07-08T00:12:01+02              | 2025-07-07T22:12:01Z
            2025-07-08T00:12:01+18:00           | 2025-07-07T06:12:01Z
            2025-07-08T00:12:01                 | 2025-07-08T00:12:01Z
            2025-07-08 00:12:01,782             | 2025-07-08T00:12:01.782Z
            2025-07-08 00:12:01.782             | 2025-07-08T00:12:01.782Z
            2025-07-08 00:12:01 UTC             | 2025-07-08T00:12:01Z
            2025-07-08 00:12:01.782 UTC         | 2025-07-08T00:12:01.782Z
            2025-07-08 00:12:01 +0200           | 2025-07-07T22:12:01Z
            2025-07-08 00:12:01 -07:00          | 2025-07-08T07:12:01Z
            2016-12-31T23:59:60Z                | 2016-12-31T23:59:59Z
            2016-12-31T23:59:60.250Z            | 2016-12-31T23:59:59.250Z
            2024-02-29T12:00:00Z                | 2024-02-29T12:00:00Z
            2000-02-29T00:00:00Z                | 2000-02-29T00:00:00Z
            1970-01-01T00:00:00Z                | 1970-01-01T00:00:00Z
            1969-12-31T23:59:59.999Z            | 1969-12-31T23:59:59.999Z
            1900-01-01T00:00:00Z                | 1900-01-01T00:00:00Z
            0000-01-01T00:00:00Z                | 0000-01-01T00:00:00Z
            9999-12-31T23:59:59.999Z            | 9999-12-31T23:59:59.999Z
            2262-04-11T23:47:16.854Z            | 2262-04-11T23:47:16.854Z
            08/Jul/2025:00:12:01 +0000          | 2025-07-08T00:12:01Z
            08/jul/2025:00:12:01 +0200          | 2025-07-07T22:12:01Z
            31/DEC/1999:23:59:59 -0800          | 2000-01-01T07:59:59Z
            29/Feb/2024:10:00:00 +0000          | 2024-02-29T10:00:00Z
            08/Jul/2025:00:12:01                | 2025-07-08T00:12:01Z
            08/Jul/2025:00:12:01.250 +0000      | 2025-07-08T00:12:01.250Z
            2025/07/08 00:12:01                 | 2025-07-08T00:12:01Z
            2025/07/08 00:12:01.782345          | 2025-07-08T00:12:01.782Z
            2024/02/29 23:59:59                 | 2024-02-29T23:59:59Z
            Tue Jul 08 00:12:01.782345 2025     | 2025-07-08T00:12:01.782Z
            Tue Jul  8 00:12:01 2025            | 2025-07-08T00:12:01Z
            Thu Feb 29 23:59:59 2024            | 2024-02-29T23:59:59Z
            """)
    void should_return_java_time_instant_when_text_is_calendar_form(String text, String expected) {
        assertThat(TimestampParser.parse(text)).isEqualTo(millis(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1710238532                | 2024-03-12T10:15:32Z
            1710238532.1              | 2024-03-12T10:15:32.100Z
            1710238532.123            | 2024-03-12T10:15:32.123Z
            1710238532.123456789      | 2024-03-12T10:15:32.123Z
            1710238532123             | 2024-03-12T10:15:32.123Z
            1710238532123.9           | 2024-03-12T10:15:32.123Z
            1710238532123456          | 2024-03-12T10:15:32.123Z
            1710238532123456789       | 2024-03-12T10:15:32.123Z
            0                         | 1970-01-01T00:00:00Z
            99999999999               | 5138-11-16T09:46:39Z
            100000000000              | 1973-03-03T09:46:40Z
            99999999999999            | 5138-11-16T09:46:39.999Z
            100000000000000           | 1973-03-03T09:46:40Z
            9223372036854775807       | 2262-04-11T23:47:16.854Z
            """)
    void should_choose_unit_by_magnitude_when_text_is_epoch_number(String text, String expected) {
        assertThat(TimestampParser.parse(text)).isEqualTo(millis(expected));
    }

    @ParameterizedTest(name = "[{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {
        "   ", "not a date", "2025-13-01T00:00:00Z", "2025-00-10T00:00:00Z", "2025-02-30T00:00:00Z",
        "2025-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2025-04-31T00:00:00Z", "2025-07-00T00:00:00Z",
        "2025-07-08T24:00:00Z", "2025-07-08T23:60:00Z", "2025-07-08T23:59:61Z", "2025-07-08X00:12:01Z",
        "2025-7-08T00:12:01Z", "2025-07-08T00:12", "2025-07-08", "2025-07-08T00:12:01.Z",
        "2025-07-08T00:12:01.1234567890Z", "2025-07-08T00:12:01+19:00", "2025-07-08T00:12:01+02:60",
        "2025-07-08T00:12:01Z UTC", "2025-07-08T00:12:01 +02", "2025-07-08T00:12:01ZZ",
        "2025-07-08T00:12:01 garbage", "２０２５-07-08T00:12:01Z", "32/Jul/2025:00:12:01 +0000",
        "08/Foo/2025:00:12:01 +0000", "08/Jul/2025 00:12:01 +0000", "31/Jun/2025:00:12:01 +0000",
        "-1", "+1710238532", "1710238532.", "1710238532.1234567891", "1710238532x", "1e9",
        "12345678901234567890", "9223372036854775808", "1710238532.123.4",
        "2025/07-08 00:12:01", "2025-07/08 00:12:01", "2025/02/29 00:12:01", "2025/7/08 00:12:01",
        "Fri Feb 29 10:00:00 2025", "Tue Jux 08 00:12:01 2025", "Tue Jul 08 00:12:01. 2025", "Tue Jul 08 24:12:01 2025",
        "Tue Jul 08 00:12:01 20251", "Hello world this is text"
    })
    void should_return_none_when_text_is_not_a_supported_timestamp(String text) {
        assertThat(TimestampParser.parse(text)).isEqualTo(NONE);
    }

    @Test
    void should_return_none_when_text_is_very_long() {
        String valid = "2025-07-08T00:12:01.782Z";
        assertThat(TimestampParser.parse(valid + "x".repeat(100_000))).isEqualTo(NONE);
        assertThat(TimestampParser.parse("1".repeat(100_000))).isEqualTo(NONE);
        assertThat(TimestampParser.parse("2".repeat(100_000) + valid)).isEqualTo(NONE);
    }

    @Test
    void should_ignore_surrounding_whitespace_when_parsing() {
        assertThat(TimestampParser.parse(" \t2025-07-08T00:12:01Z \n"))
                .isEqualTo(millis("2025-07-08T00:12:01Z"));
    }

    @Test
    void should_parse_only_the_range_when_given_start_and_end() {
        String line = "ts=2025-07-08T00:12:01.782Z level=info";
        assertThat(TimestampParser.parse(line, 3, 27)).isEqualTo(millis("2025-07-08T00:12:01.782Z"));
        assertThat(TimestampParser.parse(line, 3, 26)).isEqualTo(millis("2025-07-08T00:12:01.782Z"));
        assertThat(TimestampParser.parse(line, 3, 28)).isEqualTo(millis("2025-07-08T00:12:01.782Z"));
        assertThat(TimestampParser.parse(line, 3, 29)).isEqualTo(NONE);
        assertThat(TimestampParser.parse(line, 30, 20)).isEqualTo(NONE);
        assertThat(TimestampParser.parse(line, -1, 5)).isEqualTo(NONE);
        assertThat(TimestampParser.parse(line, 0, 1000)).isEqualTo(NONE);
    }

    /** java.time formats random instants in every supported style; the parser must agree. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("styles")
    void should_agree_with_java_time_when_formatting_random_instants(String pattern, boolean zoned) {
        DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH);
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            LocalDateTime local = LocalDateTime.of(random.nextInt(0, 10_000), random.nextInt(1, 13),
                    random.nextInt(1, 29), random.nextInt(24), random.nextInt(60), random.nextInt(60),
                    random.nextInt(1_000_000_000));
            ZoneOffset offset = zoned
                    ? ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 60, 18 * 60 + 1) * 60)
                    : ZoneOffset.UTC;
            String text = local.atOffset(offset).format(formatter);
            long expected = local.atOffset(offset).toInstant().toEpochMilli();
            long truncatedToPrintedDigits = pattern.contains("ss.S") || pattern.contains("ss,S")
                    ? expected : Math.floorDiv(expected, 1000) * 1000;
            assertThat(TimestampParser.parse(text)).as(text).isEqualTo(truncatedToPrintedDigits);
        }
    }

    static Stream<Arguments> styles() {
        return Stream.of(
                Arguments.of("uuuu-MM-dd'T'HH:mm:ss'Z'", false),
                Arguments.of("uuuu-MM-dd'T'HH:mm:ss.SSSXXX", true),
                Arguments.of("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSxx", true),
                Arguments.of("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX", true),
                Arguments.of("uuuu-MM-dd HH:mm:ss,SSS", false),
                Arguments.of("uuuu-MM-dd HH:mm:ss.SSS' UTC'", false),
                Arguments.of("uuuu-MM-dd HH:mm:ss xx", true),
                Arguments.of("dd/MMM/uuuu:HH:mm:ss xx", true),
                Arguments.of("uuuu/MM/dd HH:mm:ss.SSSSSS", false),
                Arguments.of("EEE MMM dd HH:mm:ss.SSSSSS uuuu", false));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2025-07-08 00:12:01,782 ERROR [main] boom       | 23
            2025-07-08T00:12:01.782Z INFO started           | 24
            2025-07-08T00:12:01+02:00 x                     | 25
            2025-07-08 00:12:01 UTC [main] x                | 23
            2025-07-08 00:12:01 +0000 x                     | 25
            2025-07-08 00:12:01 -12 rows                    | 19
            2025-07-08 00:12:01. Done                       | 19
            08/Jul/2025:00:12:01 +0000] "GET / HTTP/1.1"    | 26
            1710238532.123 worker started                   | 14
            1710238532123 worker started                    | 13
            2025-07-08T00:12:01Z                            | 20
            12345 worker started                            | 0
            200 OK                                          | 0
            2025-07-08T00:12:01Zabc                         | 0
            2025-07-08 00:12:01,7829999999999 x             | 0
            2025-02-30 00:12:01 x                           | 0
            ERROR 2025-07-08 00:12:01                       | 0
            [2025-07-08 00:12:01] x                         | 0
            """)
    void should_measure_leading_timestamp_when_line_starts_with_one(String line, int expected) {
        assertThat(TimestampParser.prefixLength(line)).isEqualTo(expected);
    }

    @Test
    void should_return_zero_prefix_when_line_is_empty_or_null() {
        assertThat(TimestampParser.prefixLength("")).isZero();
        assertThat(TimestampParser.prefixLength(null)).isZero();
    }

    @Test
    void should_return_millis_and_length_in_one_match_when_prefix_found() {
        String line = "[08/Jul/2025:00:12:01 +0200] GET /";
        long match = TimestampParser.matchPrefix(line, 1, line.length());
        assertThat(TimestampParser.millisOf(match)).isEqualTo(millis("2025-07-07T22:12:01Z"));
        assertThat(TimestampParser.lengthOf(match)).isEqualTo(26);
        long before1970 = TimestampParser.matchPrefix("1969-12-31 23:59:59.999 x", 0, 25);
        assertThat(TimestampParser.millisOf(before1970)).isEqualTo(-1);
        assertThat(TimestampParser.lengthOf(before1970)).isEqualTo(23);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1710238532            | 1710238532000
            1710238532123         | 1710238532123
            1710238532123456      | 1710238532123
            1710238532123456789   | 1710238532123
            0                     | 0
            9223372036854775807   | 9223372036854
            """)
    void should_choose_unit_by_magnitude_when_json_long(long value, long expected) {
        assertThat(TimestampParser.fromEpochNumber(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1710238532.123        | 1710238532123
            1710238532.1239       | 1710238532123
            1710238532.0          | 1710238532000
            1710238532.999        | 1710238532999
            1710238532123.0       | 1710238532123
            1710238532123.9       | 1710238532123
            1.710238532123456E15  | 1710238532123
            1.710238532123456E18  | 1710238532123
            0.5                   | 500
            """)
    void should_choose_unit_by_magnitude_when_json_double(double value, long expected) {
        assertThat(TimestampParser.fromEpochNumber(value)).isEqualTo(expected);
    }

    @Test
    void should_return_none_when_epoch_number_is_negative_or_not_finite() {
        List<Double> doubles = List.of(-1d, -0.001, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 1e19);
        for (double d : doubles) {
            assertThat(TimestampParser.fromEpochNumber(d)).as("%s", d).isEqualTo(NONE);
        }
        assertThat(TimestampParser.fromEpochNumber(-1L)).isEqualTo(NONE);
        assertThat(TimestampParser.fromEpochNumber(Long.MIN_VALUE)).isEqualTo(NONE);
    }

    @Test
    void should_truncate_to_millis_when_random_seconds_with_fraction_are_doubles() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long millis = random.nextLong(0, 4_102_444_800_000L); // 1970..2100
            double seconds = Double.parseDouble(millis / 1000 + "." + String.format("%03d", millis % 1000));
            assertThat(TimestampParser.fromEpochNumber(seconds)).as("%s", seconds).isEqualTo(millis);
        }
    }
}
