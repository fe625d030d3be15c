package dev.zre.benchmarks;

import java.util.Arrays;

/**
 * Summary statistics of a sample of durations (or any longs). Percentiles use the nearest-rank
 * method on a sorted copy: the p-th percentile is the smallest value with at least p % of the
 * sample at or below it.
 */
public final class Stats {

    private final long[] sorted;

    private Stats(long[] sorted) {
        this.sorted = sorted;
    }

    /** Statistics of the values (copied, the input is not changed). */
    public static Stats of(long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("values must not be empty");
        }
        long[] copy = values.clone();
        Arrays.sort(copy);
        return new Stats(copy);
    }

    /** Statistics of the first {@code count} values. */
    public static Stats of(long[] values, int count) {
        return of(Arrays.copyOf(values, count));
    }

    public int count() {
        return sorted.length;
    }

    public long min() {
        return sorted[0];
    }

    public long max() {
        return sorted[sorted.length - 1];
    }

    public double mean() {
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return sum / sorted.length;
    }

    /**
     * The nearest-rank percentile.
     *
     * @param percent in (0, 100]
     */
    public long percentile(double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be in (0, 100], got " + percent);
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** A rate in events per second for {@code events} in {@code nanos}. */
    public static double perSecond(long events, long nanos) {
        return nanos <= 0 ? 0 : events * 1e9 / nanos;
    }

    /** {@code zre / raw}, or NaN when the baseline is zero. */
    public static double ratio(double zre, double raw) {
        return raw == 0 ? Double.NaN : zre / raw;
    }
}
