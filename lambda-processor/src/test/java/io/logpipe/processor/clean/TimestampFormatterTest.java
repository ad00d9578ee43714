package io.logpipe.processor.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampFormatterTest {

    private static final DateTimeFormatter ORACLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** 1970-01-01 to 2100-01-01. */
    private static final long YEAR_2100 = 4_102_444_800_000L;

    private final TimestampFormatter formatter = new TimestampFormatter();

    private static String oracle(long millis) {
        return ORACLE.format(Instant.ofEpochMilli(millis));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(longs = {
        0, 1, 999, 1000, -1, -999, -1000, -1001, -86_400_000, -86_400_001,
        1_710_238_532_123L,          // 2024-03-12T10:15:32.123Z
        1_709_208_000_000L,          // 2024-02-29T12:00:00Z
        951_782_400_000L,            // 2000-02-29T00:00:00Z
        -2_203_891_200_000L,         // 1900-03-01T00:00:00Z
        -62_135_596_800_000L,        // 0001-01-01T00:00:00Z
        -62_167_219_200_000L,        // 0000-01-01T00:00:00Z
        253_402_300_799_999L,        // 9999-12-31T23:59:59.999Z
        4_102_444_799_999L,          // 2099-12-31T23:59:59.999Z
        9_223_372_036_854L           // 2262-04-11
    })
    void should_match_java_time_when_formatting_known_instants(long millis) {
        assertThat(formatter.format(millis)).isEqualTo(oracle(millis));
    }

    @Test
    void should_print_documented_example_when_formatting() {
        assertThat(formatter.format(1_710_238_532_123L)).isEqualTo("2024-03-12T10:15:32.123Z");
        assertThat(formatter.format(0)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(formatter.format(-1)).isEqualTo("1969-12-31T23:59:59.999Z");
    }

    @Test
    void should_clamp_to_year_range_when_instant_outside_0000_to_9999() {
        assertThat(formatter.format(Long.MIN_VALUE)).isEqualTo("0000-01-01T00:00:00.000Z");
        assertThat(formatter.format(-62_167_219_200_001L)).isEqualTo("0000-01-01T00:00:00.000Z");
        assertThat(formatter.format(Long.MAX_VALUE)).isEqualTo("9999-12-31T23:59:59.999Z");
        assertThat(formatter.format(253_402_300_800_000L)).isEqualTo("9999-12-31T23:59:59.999Z");
    }

    @Test
    void should_match_java_time_when_formatting_random_instants_from_1970_to_2100() {
        SplittableRandom random = new SplittableRandom(20_240_312);
        for (int i = 0; i < 200_000; i++) {
            long millis = random.nextLong(0, YEAR_2100);
            assertThat(formatter.format(millis)).isEqualTo(oracle(millis));
        }
    }

    @Test
    void should_match_java_time_when_formatting_random_instants_over_whole_year_range() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            long millis = random.nextLong(TimestampFormatter.MIN_MILLIS, TimestampFormatter.MAX_MILLIS + 1);
            assertThat(formatter.format(millis)).isEqualTo(oracle(millis));
        }
    }

    @Test
    void should_not_reuse_stale_cache_when_second_or_day_changes() {
        long base = 1_710_238_532_123L;
        long[] sequence = {base, base + 1, base + 877, base + 1_000, base + 86_400_000,
            base + 86_400_000 + 1, base - 86_400_000, base, base + 31L * 86_400_000, -1, 0, base};
        for (long millis : sequence) {
            assertThat(formatter.format(millis)).as("%d", millis).isEqualTo(oracle(millis));
        }
    }

    @Test
    void should_match_java_time_when_millis_increase_in_small_steps() {
        SplittableRandom random = new SplittableRandom(3);
        long millis = 1_704_067_199_000L; // 2023-12-31T23:59:59Z: crosses a day, month and year
        for (int i = 0; i < 50_000; i++) {
            millis += random.nextInt(0, 50);
            assertThat(formatter.format(millis)).isEqualTo(oracle(millis));
        }
    }

    @Test
    void should_parse_back_to_same_millis_when_round_tripping_random_instants() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            long millis = random.nextLong(0, YEAR_2100);
            String text = formatter.format(millis);
            assertThat(TimestampParser.parse(text)).as(text).isEqualTo(millis);
        }
    }

    @Test
    void should_parse_back_to_same_millis_when_round_tripping_before_1970() {
        SplittableRandom random = new SplittableRandom(43);
        for (int i = 0; i < 50_000; i++) {
            long millis = random.nextLong(TimestampFormatter.MIN_MILLIS, 0);
            assertThat(TimestampParser.parse(formatter.format(millis))).isEqualTo(millis);
        }
    }
}
