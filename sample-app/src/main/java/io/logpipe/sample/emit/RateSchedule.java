package io.logpipe.sample.emit;

import io.logpipe.sample.SampleConfig;

/**
 * How many events are due after a given time: {@code LOG_FREQUENCY} per second, and {@code BURST_MULTIPLIER}×
 * that during the last {@code BURST_SECONDS} of every {@code BURST_EVERY_SECONDS}. Pure arithmetic on elapsed
 * seconds, so the pacing is tested without clocks or sleeps.
 */
public record RateSchedule(double eventsPerSecond, SampleConfig.Burst burst) {

    /** Events per second at {@code seconds} after start. */
    public double rateAt(double seconds) {
        return eventsPerSecond * (inBurst(seconds) ? burst.multiplier() : 1);
    }

    public boolean inBurst(double seconds) {
        if (!burst.enabled()) {
            return false;
        }
        double intoCycle = seconds % burst.everySeconds();
        return intoCycle >= burst.everySeconds() - burst.seconds();
    }

    /** Events that should have been generated in the first {@code seconds}: the integral of the rate, rounded down. */
    public long eventsDue(double seconds) {
        if (seconds <= 0) {
            return 0;
        }
        double burstSeconds = 0;
        if (burst.enabled()) {
            double every = burst.everySeconds();
            double cycles = Math.floor(seconds / every);
            double intoCycle = seconds - cycles * every;
            burstSeconds = cycles * burst.seconds() + Math.max(0, intoCycle - (every - burst.seconds()));
        }
        return (long) Math.floor(eventsPerSecond * (seconds + (burst.multiplier() - 1) * burstSeconds) + 1e-9);
    }
}
