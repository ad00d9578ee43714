package io.logpipe.processor.dlq;

import io.logpipe.processor.aws.AwsClientSettings;
import io.logpipe.processor.aws.S3Clients;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.List;

/**
 * Builds the S3 client for dead letters with the Lambda's shared S3 setup ({@link S3Clients}): URLConnection
 * HTTP client, the SDK's standard retry mode capped at {@link S3DeadLetterConfig#maxAttempts()}, per-attempt and
 * overall timeouts, whole-payload signing, and path-style addressing for S3-compatible endpoints.
 */
public final class S3DeadLetterClients {

    private S3DeadLetterClients() {
    }

    public static S3Client create(S3DeadLetterConfig config) {
        return S3Clients.create(settings(config));
    }

    /** With explicit credentials and interceptors (tests, local endpoints). */
    public static S3Client create(S3DeadLetterConfig config, AwsCredentialsProvider credentials,
                                  List<ExecutionInterceptor> interceptors) {
        return S3Clients.create(settings(config), credentials, interceptors);
    }

    private static AwsClientSettings settings(S3DeadLetterConfig config) {
        return new AwsClientSettings(config.region(), config.endpoint(), config.maxAttempts(),
                config.attemptTimeout(), config.callTimeout());
    }
}
