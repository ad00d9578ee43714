package io.logpipe.sample.emit;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpipe.sample.LogLevel;
import io.logpipe.sample.SampleConfig;
import io.logpipe.sample.SampleRun;
import io.logpipe.sample.SteppingClock;
import io.logpipe.sample.format.EventFormatter;
import io.logpipe.sample.generate.EventGenerator;
import io.logpipe.sample.output.LogOutput;
import io.logpipe.sample.output.RecentLines;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateScheduleTest {
    private static final SampleConfig.Burst NO_BURST = new SampleConfig.Burst(1, 60, 5);
    /** 10× the rate during the last 5 s of every minute. */
    private static final SampleConfig.Burst BURST = new SampleConfig.Burst(10, 60, 5);

    @Test
    void should_generate_the_configured_frequency_when_bursts_are_off() {
        RateSchedule schedule = new RateSchedule(5, NO_BURST);

        assertThat(schedule.eventsDue(0)).isZero();
        assertThat(schedule.eventsDue(1)).isEqualTo(5);
        assertThat(schedule.eventsDue(60)).isEqualTo(300);
        assertThat(schedule.eventsDue(0.5)).isEqualTo(2);
        assertThat(schedule.inBurst(58)).isFalse();
    }

    @Test
    void should_spike_to_multiplier_times_the_rate_during_each_burst_window() {
        RateSchedule schedule = new RateSchedule(2, BURST);

        assertThat(schedule.rateAt(10)).isEqualTo(2);
        assertThat(schedule.rateAt(55)).isEqualTo(20);
        assertThat(schedule.rateAt(59.9)).isEqualTo(20);
        assertThat(schedule.rateAt(60)).isEqualTo(2);
        assertThat(schedule.eventsDue(55)).isEqualTo(110);
        assertThat(schedule.eventsDue(60)).isEqualTo(110 + 100);
        assertThat(schedule.eventsDue(120)).isEqualTo(2 * 210);
        assertThat(schedule.eventsDue(57)).isEqualTo(110 + 40);
    }

    @Test
    void should_write_ten_times_as_many_events_per_second_in_a_burst_when_the_emitter_runs_on_a_simulated_clock() {
        AtomicLong nanos = new AtomicLong();
        StringWriter stdout = new StringWriter();
        LogOutput output = new LogOutput(LogLevel.DEBUG, EventFormatter.of(io.logpipe.sample.OutputFormat.JSON, "svc"),
                stdout, null, new RecentLines(50));
        Emitter emitter = new Emitter(new RateSchedule(20, BURST),
                new EventGenerator(new Random(1), new SteppingClock(SampleRun.START, Duration.ofMillis(1))), output, nanos::get);
        emitter.startAt(0);

        long quiet = run(emitter, nanos, 0, 55);
        long burst = run(emitter, nanos, 55, 60);

        assertThat(quiet).isEqualTo(20 * 55);
        assertThat(burst).isEqualTo(200 * 5);
        assertThat(burst / 5.0).isEqualTo(10 * quiet / 55.0);
        assertThat(output.written()).isEqualTo(quiet + burst);
        assertThat(stdout.toString().lines().count()).isEqualTo(quiet + burst);
    }

    @Test
    void should_catch_up_by_a_bounded_number_of_events_after_a_stall() {
        AtomicLong nanos = new AtomicLong();
        LogOutput output = new LogOutput(LogLevel.ERROR, EventFormatter.of(io.logpipe.sample.OutputFormat.JSON, "svc"),
                new StringWriter(), null, new RecentLines(50));
        Emitter emitter = new Emitter(new RateSchedule(100_000, NO_BURST),
                new EventGenerator(new Random(1), new SteppingClock(SampleRun.START, Duration.ofMillis(1))), output, nanos::get);
        emitter.startAt(0);

        nanos.set(Duration.ofSeconds(10).toNanos());          // 1,000,000 events due after a 10 s stall

        assertThat(emitter.tick()).isEqualTo(Emitter.MAX_CATCH_UP);
    }

    /** Ticks every 10 ms of simulated time from {@code from} to {@code to} seconds; returns events generated. */
    private static long run(Emitter emitter, AtomicLong nanos, int from, int to) {
        long generated = 0;
        for (long t = from * 1_000_000_000L; t < to * 1_000_000_000L; t += Emitter.TICK_NANOS) {
            nanos.set(t + Emitter.TICK_NANOS);
            generated += emitter.tick();
        }
        return generated;
    }
}
