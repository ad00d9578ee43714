package io.logpipe.processor.config;

import io.logpipe.processor.parse.csv.CsvHeaders;
import io.logpipe.processor.redact.RedactionConfig;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the processor needs, parsed once at init (environment variables in Lambda, flags in the CLI).
 * Missing values fall back to documented defaults; malformed values fail fast at start-up.
 *
 * @param defaultService      service.name when neither the record, the container nor the log group names one
 * @param defaultEnvironment  service.environment likewise
 * @param region              cloud.region when the record carries none (Lambda's AWS_REGION)
 * @param logGroupRules       tried in order against aws.cloudwatch.log_group
 * @param environmentNames    tokens recognised as an environment inside names like {@code orders-prod}
 * @param maxTimestampPast    a message time older than this (relative to the transport time) is ignored
 * @param maxTimestampFuture  a message time further ahead than this is ignored
 * @param csvHeaders          the CSV header lines whose data lines are parsed as CSV ({@code LOGPIPE_CSV_HEADERS})
 */
public record PipelineConfig(
        String defaultService,
        String defaultEnvironment,
        String region,
        List<LogGroupRule> logGroupRules,
        Set<String> environmentNames,
        Duration maxTimestampPast,
        Duration maxTimestampFuture,
        Limits limits,
        RedactionConfig redaction,
        CsvHeaders csvHeaders) {

    public static final List<String> DEFAULT_LOG_GROUP_PATTERNS = List.of(
            "^/aws/lambda/(?<service>[^/]+)$",
            "^/ecs/(?:firelens/)?(?<service>[^/]+)$",
            "^/aws/ecs/(?:[^/]+/)?(?<service>[^/]+)$",
            "^/app/(?<service>[^/]+)/(?<env>[^/]+)$",
            "^/var/log/(?<service>[^/]+)/.*$");

    public static final Set<String> DEFAULT_ENVIRONMENTS =
            Set.of("prod", "production", "staging", "stage", "dev", "development", "test", "qa", "uat", "sandbox");

    public PipelineConfig {
        logGroupRules = List.copyOf(logGroupRules);
        environmentNames = Set.copyOf(environmentNames);
    }

    public static PipelineConfig defaults() {
        return fromEnv(Map.of());
    }

    /** Reads {@code LOGPIPE_*} variables; see docs/configuration.md for the table. */
    public static PipelineConfig fromEnv(Map<String, String> env) {
        Limits d = Limits.defaults();
        Limits limits = new Limits(
                intVar(env, "LOGPIPE_MAX_EVENT_BYTES", d.maxEventBytes()),
                intVar(env, "LOGPIPE_MAX_DECOMPRESSED_BYTES", d.maxDecompressedBytes()),
                intVar(env, "LOGPIPE_MAX_MESSAGE_CHARS", d.maxMessageChars()),
                intVar(env, "LOGPIPE_MAX_JSON_DEPTH", d.maxJsonDepth()),
                intVar(env, "LOGPIPE_MAX_JSON_FIELDS", d.maxJsonFields()),
                intVar(env, "LOGPIPE_MAX_JOINED_CHARS", d.maxJoinedChars()),
                intVar(env, "LOGPIPE_MAX_ATTRIBUTE_CHARS", d.maxAttributeChars()));
        List<LogGroupRule> rules = split(env.get("LOGPIPE_LOG_GROUP_PATTERNS"), ";;")
                .map(l -> l.stream().map(LogGroupRule::of).toList())
                .orElseGet(() -> DEFAULT_LOG_GROUP_PATTERNS.stream().map(LogGroupRule::of).toList());
        Set<String> envs = split(env.get("LOGPIPE_ENVIRONMENT_NAMES"), ",")
                .map(Set::copyOf).orElse(DEFAULT_ENVIRONMENTS);
        return new PipelineConfig(
                env.getOrDefault("LOGPIPE_DEFAULT_SERVICE", "unknown"),
                env.getOrDefault("LOGPIPE_DEFAULT_ENVIRONMENT", "unknown"),
                env.getOrDefault("LOGPIPE_REGION", env.get("AWS_REGION")),
                rules,
                envs,
                Duration.ofDays(intVar(env, "LOGPIPE_MAX_TIMESTAMP_PAST_DAYS", 3653)),
                Duration.ofHours(intVar(env, "LOGPIPE_MAX_TIMESTAMP_FUTURE_HOURS", 24)),
                limits,
                RedactionConfig.fromEnv(env),
                CsvHeaders.fromEnv(env));
    }

    private static int intVar(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, was '" + v + "'", e);
        }
    }

    private static java.util.Optional<List<String>> split(String value, String separator) {
        if (value == null || value.isBlank()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Arrays.stream(value.split(java.util.regex.Pattern.quote(separator)))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList()));
    }
}
