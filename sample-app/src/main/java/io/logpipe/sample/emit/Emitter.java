package io.logpipe.sample.emit;

import io.logpipe.sample.generate.EventGenerator;
import io.logpipe.sample.output.LogOutput;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The loop that keeps output on schedule: every tick it generates the events {@link RateSchedule} says are due
 * since start, writes them, and flushes. After a stall (GC, a suspended container) it catches up by at most
 * {@link #MAX_CATCH_UP} events rather than flooding.
 */
public final class Emitter implements Runnable {
    static final long TICK_NANOS = 10_000_000;
    static final long MAX_CATCH_UP = 100_000;

    private final RateSchedule schedule;
    private final EventGenerator generator;
    private final LogOutput output;
    private final LongSupplier nanoTime;
    private volatile boolean running = true;
    private volatile long generated;            // one writer (the loop); read by /health
    private long start;

    public Emitter(RateSchedule schedule, EventGenerator generator, LogOutput output, LongSupplier nanoTime) {
        this.schedule = schedule;
        this.generator = generator;
        this.output = output;
        this.nanoTime = nanoTime;
    }

    @Override
    public void run() {
        start = nanoTime.getAsLong();
        while (running) {
            tick();
            LockSupport.parkNanos(TICK_NANOS);
        }
        output.flush();
    }

    /** Generates what is due now; returns how many events were generated. */
    public long tick() {
        long due = schedule.eventsDue((nanoTime.getAsLong() - start) / 1e9);
        if (due - generated > MAX_CATCH_UP) {
            generated = due - MAX_CATCH_UP;
        }
        long before = generated;
        while (generated < due) {
            output.emit(generator.next());
            generated++;
        }
        output.flush();
        return generated - before;
    }

    /** Marks the start time for {@link #tick()} without running the loop (tests drive ticks themselves). */
    public void startAt(long nanos) {
        start = nanos;
    }

    public void stop() {
        running = false;
    }

    public long generated() {
        return generated;
    }
}
