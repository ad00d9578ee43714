package io.logpipe.processor.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the Lambda's AWS clients talk to their service, shared by S3 (dead letters, archive) and Firehose.
 *
 * @param region          the service region ({@code AWS_REGION})
 * @param endpoint        a compatible local endpoint (S3Proxy, moto), or null for AWS
 * @param maxAttempts     attempts per call, first one included, with the SDK's standard retry backoff
 * @param attemptTimeout  bound on one HTTP attempt
 * @param callTimeout     bound on all attempts of one call together, so a dead service fails the invocation
 *                        rather than hang it
 */
public record AwsClientSettings(String region, URI endpoint, int maxAttempts, Duration attemptTimeout,
                                Duration callTimeout) {

    /** Signing region for local endpoints when AWS_REGION is unset; such servers accept any. */
    public static final String LOCAL_REGION = "us-east-1";

    public AwsClientSettings {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("AWS_REGION is required");
        }
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
    }

    /** Production defaults: 3 attempts, 5 s each, 12 s in all. */
    public static AwsClientSettings of(String region, URI endpoint) {
        return new AwsClientSettings(region, endpoint, 3, Duration.ofSeconds(5), Duration.ofSeconds(12));
    }

    /**
     * {@code AWS_REGION} and the endpoint variable {@code endpointVariable} (e.g. {@code LOGPIPE_S3_ENDPOINT});
     * with a local endpoint and no region, {@link #LOCAL_REGION}. {@code what} names the client in errors.
     */
    public static AwsClientSettings fromEnv(Map<String, String> env, String endpointVariable, String what) {
        String endpoint = blankToNull(env.get(endpointVariable));
        String region = blankToNull(env.get("AWS_REGION"));
        if (region == null && endpoint != null) {
            region = LOCAL_REGION;
        }
        if (region == null) {
            throw new IllegalArgumentException("AWS_REGION is required for " + what);
        }
        return of(region, endpoint == null ? null : URI.create(endpoint));
    }

    public AwsClientSettings withEndpoint(URI v) {
        return new AwsClientSettings(region, v, maxAttempts, attemptTimeout, callTimeout);
    }

    public AwsClientSettings withRetries(int attempts, Duration perAttempt, Duration total) {
        return new AwsClientSettings(region, endpoint, attempts, perAttempt, total);
    }

    /** The call timeout, shortened to what is left of {@code remainingMillis} (at least 1 ms). */
    public Duration callTimeoutWithin(long remainingMillis) {
        return Duration.ofMillis(Math.max(1, Math.min(callTimeout.toMillis(), remainingMillis)));
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
