package io.logpipe.processor.sink;

/** How long the invocation may still run; in Lambda, the context's remaining time. */
@FunctionalInterface
public interface Deadline {
    long remainingMillis();

    static Deadline none() {
        return () -> Long.MAX_VALUE;
    }

    static Deadline after(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        return () -> Math.max(0, (end - System.nanoTime()) / 1_000_000L);
    }
}
