package io.logpipe.cdk.lake;

import software.amazon.awscdk.services.logs.RetentionDays;

import java.util.List;

/** CloudWatch Logs retention in days (as configured) to the CDK's enum. */
public final class LogRetention {
    private static final List<Integer> DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
            1096, 1827, 2192, 2557, 2922, 3288, 3653);
    private static final List<RetentionDays> VALUES = List.of(RetentionDays.ONE_DAY, RetentionDays.THREE_DAYS,
            RetentionDays.FIVE_DAYS, RetentionDays.ONE_WEEK, RetentionDays.TWO_WEEKS, RetentionDays.ONE_MONTH,
            RetentionDays.TWO_MONTHS, RetentionDays.THREE_MONTHS, RetentionDays.FOUR_MONTHS, RetentionDays.FIVE_MONTHS,
            RetentionDays.SIX_MONTHS, RetentionDays.ONE_YEAR, RetentionDays.THIRTEEN_MONTHS,
            RetentionDays.EIGHTEEN_MONTHS, RetentionDays.TWO_YEARS, RetentionDays.THREE_YEARS, RetentionDays.FIVE_YEARS,
            RetentionDays.SIX_YEARS, RetentionDays.SEVEN_YEARS, RetentionDays.EIGHT_YEARS, RetentionDays.NINE_YEARS,
            RetentionDays.TEN_YEARS);

    private LogRetention() {
    }

    public static RetentionDays of(int days) {
        int i = DAYS.indexOf(days);
        if (i < 0) {
            throw new IllegalArgumentException("not a CloudWatch Logs retention value: " + days);
        }
        return VALUES.get(i);
    }
}
