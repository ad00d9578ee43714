package io.logpipe.processor.dlq;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how {@link S3DeadLetterSink} stores dead letters, parsed once at init.
 *
 * @param bucket          the bucket ({@code LOGPIPE_DEAD_LETTER_BUCKET})
 * @param prefix          key prefix, {@code dead-letter/} by default; empty or ending in {@code /}
 * @param kmsKeyId        SSE-KMS key id or ARN; null means SSE-S3 (AES256), requested explicitly either way
 * @param region          the bucket's region ({@code AWS_REGION})
 * @param endpoint        an S3-compatible endpoint (path-style addressing), or null for AWS
 * @param maxAttempts     attempts per object, first one included, with the SDK's standard retry backoff
 * @param attemptTimeout  bound on one HTTP attempt
 * @param callTimeout     bound on all attempts together, so a dead S3 fails the invocation rather than hang it
 */
public record S3DeadLetterConfig(
        String bucket,
        String prefix,
        String kmsKeyId,
        String region,
        URI endpoint,
        int maxAttempts,
        Duration attemptTimeout,
        Duration callTimeout) {

    public static final String DEFAULT_PREFIX = "dead-letter/";
    /** Signing region for S3-compatible endpoints when AWS_REGION is unset; such servers accept any. */
    static final String LOCAL_REGION = "us-east-1";

    public S3DeadLetterConfig {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("a dead-letter bucket is required");
        }
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("AWS_REGION is required for the S3 dead-letter sink");
        }
        prefix = normalizePrefix(prefix);
        kmsKeyId = kmsKeyId == null || kmsKeyId.isBlank() ? null : kmsKeyId.trim();
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
    }

    /** Production defaults: 3 attempts, 5 s each, 12 s in all (the handler keeps 5 s back for dead letters). */
    public static S3DeadLetterConfig of(String bucket, String region) {
        return new S3DeadLetterConfig(bucket, DEFAULT_PREFIX, null, region, null, 3, Duration.ofSeconds(5),
                Duration.ofSeconds(12));
    }

    /**
     * From {@code LOGPIPE_DEAD_LETTER_BUCKET} (required), {@code LOGPIPE_DEAD_LETTER_PREFIX},
     * {@code LOGPIPE_DEAD_LETTER_KMS_KEY_ID}, {@code LOGPIPE_S3_ENDPOINT} and {@code AWS_REGION}.
     */
    public static S3DeadLetterConfig fromEnv(Map<String, String> env) {
        String endpoint = blankToNull(env.get("LOGPIPE_S3_ENDPOINT"));
        String region = blankToNull(env.get("AWS_REGION"));
        if (region == null && endpoint != null) {
            region = LOCAL_REGION;
        }
        S3DeadLetterConfig d = of(env.get("LOGPIPE_DEAD_LETTER_BUCKET"), region);
        return new S3DeadLetterConfig(d.bucket(), env.getOrDefault("LOGPIPE_DEAD_LETTER_PREFIX", DEFAULT_PREFIX),
                env.get("LOGPIPE_DEAD_LETTER_KMS_KEY_ID"), d.region(), endpoint == null ? null : URI.create(endpoint),
                d.maxAttempts(), d.attemptTimeout(), d.callTimeout());
    }

    public S3DeadLetterConfig withEndpoint(URI v) {
        return new S3DeadLetterConfig(bucket, prefix, kmsKeyId, region, v, maxAttempts, attemptTimeout, callTimeout);
    }

    public S3DeadLetterConfig withKmsKeyId(String v) {
        return new S3DeadLetterConfig(bucket, prefix, v, region, endpoint, maxAttempts, attemptTimeout, callTimeout);
    }

    public S3DeadLetterConfig withPrefix(String v) {
        return new S3DeadLetterConfig(bucket, v, kmsKeyId, region, endpoint, maxAttempts, attemptTimeout, callTimeout);
    }

    public S3DeadLetterConfig withRetries(int attempts, Duration perAttempt, Duration total) {
        return new S3DeadLetterConfig(bucket, prefix, kmsKeyId, region, endpoint, attempts, perAttempt, total);
    }

    private static String normalizePrefix(String prefix) {
        String p = prefix == null ? DEFAULT_PREFIX : prefix.trim();
        while (p.startsWith("/")) {             // a leading slash would make an empty first path segment
            p = p.substring(1);
        }
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
