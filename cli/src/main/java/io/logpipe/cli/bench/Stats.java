package io.logpipe.cli.bench;

import java.util.Arrays;

/** Order statistics of a small sample: the median of rounds, percentiles of latencies. */
public final class Stats {
    private Stats() {
    }

    /** The middle value, or the mean of the two middle values for an even count. */
    public static double median(double[] values) {
        double[] v = sorted(values);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /**
     * Nearest-rank percentile: the smallest value with at least {@code p}% of the sample at or below it, so
     * it is always an observed value ({@code p = 100} is the maximum).
     */
    public static double percentile(double[] values, double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        double[] v = sorted(values);
        int rank = (int) Math.ceil(p / 100 * v.length);
        return v[Math.max(rank, 1) - 1];
    }

    private static double[] sorted(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return v;
    }
}
