package io.logpipe.processor.clean;

/**
 * Proleptic Gregorian calendar arithmetic without java.time, for the hot path.
 *
 * <p>{@link #epochDay} and {@link #yearMonthDay} are Howard Hinnant's {@code days_from_civil}
 * and {@code civil_from_days} (https://howardhinnant.github.io/date_algorithms.html): the year
 * is shifted to start in March so the leap day is the last day of the year, which makes the
 * month lengths a closed formula. Only divisions by constants, no tables, no allocation.
 */
final class CivilDates {

    /** Days from 0000-03-01 to 1970-01-01. */
    private static final int DAYS_0000_03_01_TO_1970 = 719_468;
    private static final int DAYS_PER_ERA = 146_097;

    private CivilDates() {
    }

    static boolean isLeapYear(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** Days in {@code month} (1–12) of {@code year}. */
    static int daysInMonth(int year, int month) {
        if (month == 2) {
            return isLeapYear(year) ? 29 : 28;
        }
        // 31 for Jan..Jul on odd months and Aug..Dec on even months.
        return 30 + ((month + (month >> 3)) & 1);
    }

    /** Days since 1970-01-01 of a valid date. */
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return (long) era * DAYS_PER_ERA + dayOfEra - DAYS_0000_03_01_TO_1970;
    }

    /**
     * Year, month and day of an epoch day, packed as {@code year << 9 | month << 5 | day} so the
     * formatter gets all three without allocating. Valid for years 0–9999 (and far beyond).
     */
    static int yearMonthDay(long epochDay) {
        long z = epochDay + DAYS_0000_03_01_TO_1970;
        long era = (z >= 0 ? z : z - (DAYS_PER_ERA - 1)) / DAYS_PER_ERA;
        int dayOfEra = (int) (z - era * DAYS_PER_ERA);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int marchMonth = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * marchMonth + 2) / 5 + 1;
        int month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;
        int year = (int) (yearOfEra + era * 400) + (month <= 2 ? 1 : 0);
        return year << 9 | month << 5 | day;
    }
}
