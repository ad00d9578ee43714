package io.logpipe.sample;

import io.logpipe.sample.emit.Emitter;
import io.logpipe.sample.emit.RateSchedule;
import io.logpipe.sample.format.EventFormatter;
import io.logpipe.sample.generate.EventGenerator;
import io.logpipe.sample.http.SampleHttpServer;
import io.logpipe.sample.output.LogOutput;
import io.logpipe.sample.output.RecentLines;
import io.logpipe.sample.output.RotatingFile;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * Entry point: reads the environment, writes logs on schedule and serves the endpoints until stopped.
 * Its own diagnostics go to stderr, so stdout carries nothing but the logs.
 */
public final class SampleApp {
    private SampleApp() {
    }

    public static void main(String[] args) throws Exception {
        SampleConfig config;
        try {
            config = SampleConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("sample-app: " + e.getMessage());
            System.exit(2);
            return;
        }
        RandomGenerator random = config.seed().isPresent() ? new Random(config.seed().getAsLong()) : new Random();
        EventFormatter formatter = EventFormatter.of(config.format(), config.serviceName());
        RotatingFile file = config.logFile() == null ? null : new RotatingFile(config.logFile(),
                config.fileRotation().maxFileBytes(), config.fileRotation().backups(), formatter.header());
        RecentLines recent = new RecentLines(RecentLines.DEFAULT_CAPACITY);
        var stdout = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
                64 * 1024);
        LogOutput output = new LogOutput(config.logLevel(), formatter, stdout, file, recent);
        Emitter emitter = new Emitter(new RateSchedule(config.eventsPerSecond(), config.burst()),
                new EventGenerator(random, Clock.systemUTC()), output, System::nanoTime);
        SampleHttpServer http = new SampleHttpServer(config, recent, output::written, Clock.systemUTC()).start();
        System.err.println("sample-app: " + config.serviceName() + " writing " + config.format().label() + " logs at "
                + config.eventsPerSecond() + "/s, endpoints on port " + http.port());

        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread loop = Thread.ofPlatform().name("emitter").start(() -> {
            try {
                emitter.run();
            } catch (RuntimeException e) {                    // stdout closed, disk full: stop, do not hang
                failure.set(e);
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emitter.stop();
            try {
                loop.join(2_000);
                output.close();
            } catch (Exception e) {
                System.err.println("sample-app: shutdown: " + e);
            }
            http.close();
        }));
        loop.join();
        if (failure.get() != null) {
            System.err.println("sample-app: stopped: " + failure.get().getMessage()
                    + (failure.get().getCause() == null ? "" : ": " + failure.get().getCause().getMessage()));
            System.exit(1);
        }
    }
}
