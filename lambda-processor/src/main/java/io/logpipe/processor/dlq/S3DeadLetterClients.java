package io.logpipe.processor.dlq;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.time.Duration;
import java.util.List;

/**
 * Builds the S3 client for dead letters: the JDK's URLConnection HTTP client (no Netty or Apache pool to load at
 * cold start), the SDK's standard retry mode capped at {@link S3DeadLetterConfig#maxAttempts()}, per-attempt and
 * overall timeouts, whole-payload signing, and path-style addressing for S3-compatible endpoints. Credentials come from the default
 * chain (the Lambda role's environment variables first) unless given.
 */
public final class S3DeadLetterClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private S3DeadLetterClients() {
    }

    public static S3Client create(S3DeadLetterConfig config) {
        return builder(config, List.of()).build();
    }

    /** With explicit credentials and interceptors (tests, local endpoints). */
    public static S3Client create(S3DeadLetterConfig config, AwsCredentialsProvider credentials,
                                  List<ExecutionInterceptor> interceptors) {
        return builder(config, interceptors).credentialsProvider(credentials).build();
    }

    private static S3ClientBuilder builder(S3DeadLetterConfig config, List<ExecutionInterceptor> interceptors) {
        S3ClientBuilder b = S3Client.builder()
                .region(Region.of(config.region()))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(config.attemptTimeout())
                        .build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(config.maxAttempts())
                                .build())
                        .apiCallAttemptTimeout(config.attemptTimeout())
                        .apiCallTimeout(config.callTimeout())
                        .executionInterceptors(List.copyOf(interceptors))
                        .build())
                // The body is already in memory: over plain http (local S3-compatible endpoints) sign it whole
                // rather than as aws-chunked frames, which such servers may store verbatim in Content-Encoding.
                // Over https the SDK sends UNSIGNED-PAYLOAD either way.
                .serviceConfiguration(s3 -> s3.chunkedEncodingEnabled(false));
        if (config.endpoint() != null) {
            b.endpointOverride(config.endpoint()).forcePathStyle(true);
        }
        return b;
    }
}
