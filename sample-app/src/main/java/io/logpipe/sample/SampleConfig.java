package io.logpipe.sample;

import io.logpipe.sample.format.JsonText;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The service's configuration, read once from environment variables (sample-app/README.md has the table).
 * A malformed value fails start-up with a message naming the variable.
 *
 * @param logLevel          events below it are not written
 * @param eventsPerSecond   events generated per second outside bursts (before level filtering)
 * @param format            json, csv or text
 * @param logFile           optional rotating file written in addition to stdout (null: stdout only)
 * @param serviceName       the {@code service} field of JSON and CSV events
 * @param port              HTTP port of the endpoints (0: any free port)
 * @param burst             the burst schedule
 * @param seed              fixed random seed for reproducible output, or empty
 */
public record SampleConfig(
        LogLevel logLevel,
        double eventsPerSecond,
        OutputFormat format,
        Path logFile,
        String serviceName,
        int port,
        Burst burst,
        OptionalLong seed) {

    public static final int MAX_EVENTS_PER_SECOND = 100_000;

    /**
     * Spikes of {@code multiplier}× the rate lasting {@code seconds}, at the end of every {@code everySeconds}.
     * A multiplier of 1 means no bursts.
     */
    public record Burst(double multiplier, double everySeconds, double seconds) {
        public Burst {
            if (!(multiplier >= 1 && multiplier <= 1_000)) {
                throw new IllegalArgumentException("BURST_MULTIPLIER must be between 1 and 1000, was " + multiplier);
            }
            if (!(everySeconds > 0 && everySeconds <= 86_400)) {
                throw new IllegalArgumentException("BURST_EVERY_SECONDS must be above 0 and at most 86400, was " + everySeconds);
            }
            if (!(seconds >= 0 && seconds <= everySeconds)) {
                throw new IllegalArgumentException("BURST_SECONDS must be between 0 and BURST_EVERY_SECONDS, was " + seconds);
            }
        }

        public boolean enabled() {
            return multiplier > 1 && seconds > 0;
        }
    }

    public SampleConfig {
        if (!(eventsPerSecond > 0 && eventsPerSecond <= MAX_EVENTS_PER_SECOND)) {
            throw new IllegalArgumentException("LOG_FREQUENCY must be above 0 and at most " + MAX_EVENTS_PER_SECOND
                    + " events per second, was " + eventsPerSecond);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("PORT must be between 0 and 65535, was " + port);
        }
        if (serviceName == null || serviceName.isBlank() || serviceName.length() > 128) {
            throw new IllegalArgumentException("SERVICE_NAME must be 1 to 128 characters");
        }
    }

    public static SampleConfig defaults() {
        return fromEnv(Map.of());
    }

    public static SampleConfig fromEnv(Map<String, String> env) {
        String file = env.get("LOG_FILE");
        String seed = env.get("SEED");
        return new SampleConfig(
                LogLevel.parse(env.getOrDefault("LOG_LEVEL", "INFO")),
                number(env, "LOG_FREQUENCY", 5),
                OutputFormat.parse(env.getOrDefault("LOG_FORMAT", "json")),
                file == null || file.isBlank() ? null : Path.of(file.strip()),
                env.getOrDefault("SERVICE_NAME", "sample-app").strip(),
                (int) whole(env, "PORT", 8080),
                new Burst(number(env, "BURST_MULTIPLIER", 1), number(env, "BURST_EVERY_SECONDS", 60),
                        number(env, "BURST_SECONDS", 5)),
                seed == null || seed.isBlank() ? OptionalLong.empty() : OptionalLong.of(whole(env, "SEED", 0)));
    }

    /** The effective configuration as a JSON object, for {@code /config}. Nothing in it is secret. */
    public String toJson() {
        return "{\"service_name\":" + JsonText.quote(serviceName)
                + ",\"log_level\":" + JsonText.quote(logLevel.name())
                + ",\"log_frequency\":" + eventsPerSecond
                + ",\"log_format\":" + JsonText.quote(format.label())
                + ",\"log_file\":" + (logFile == null ? "null" : JsonText.quote(logFile.toString()))
                + ",\"log_file_max_bytes\":" + (logFile == null ? "null" : String.valueOf(fileRotation().maxFileBytes()))
                + ",\"log_file_backups\":" + (logFile == null ? "null" : String.valueOf(fileRotation().backups()))
                + ",\"port\":" + port
                + ",\"burst_multiplier\":" + burst.multiplier()
                + ",\"burst_every_seconds\":" + burst.everySeconds()
                + ",\"burst_seconds\":" + burst.seconds()
                + ",\"seed\":" + (seed.isPresent() ? String.valueOf(seed.getAsLong()) : "null") + "}";
    }

    /** The rotation settings of {@code LOG_FILE}: 1 MB per file, 3 backups, as Python's RotatingFileHandler is often set. */
    public FileRotation fileRotation() {
        return new FileRotation(1_000_000, 3);
    }

    public record FileRotation(long maxFileBytes, int backups) {
    }

    private static double number(Map<String, String> env, String name, double fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException("not finite");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + v + "'", e);
        }
    }

    private static long whole(Map<String, String> env, String name, long fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + v + "'", e);
        }
    }
}
