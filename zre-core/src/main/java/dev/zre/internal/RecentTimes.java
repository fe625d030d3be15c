package dev.zre.internal;

/** The last few durations of something (nanoseconds), for deadlines that follow what is observed. */
final class RecentTimes {

    private final long[] samples;
    private int recorded;

    RecentTimes(int size) {
        this.samples = new long[size];
    }

    void record(long nanos) {
        samples[recorded % samples.length] = Math.max(0, nanos);
        recorded++;
    }

    /** The longest recent duration, 0 before any. */
    long slowest() {
        long slowest = 0;
        for (int i = 0; i < Math.min(recorded, samples.length); i++) {
            slowest = Math.max(slowest, samples[i]);
        }
        return slowest;
    }
}
