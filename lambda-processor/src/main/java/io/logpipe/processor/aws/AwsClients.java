package io.logpipe.processor.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.time.Duration;
import java.util.List;

/**
 * What every AWS client of the Lambda shares: the JDK's URLConnection HTTP client (no Netty or Apache pool to
 * load at cold start), the SDK's standard retry mode capped at {@link AwsClientSettings#maxAttempts()}, per-attempt
 * and overall timeouts, and the endpoint override for local servers. Credentials come from the default chain
 * (the Lambda role's environment variables first) unless given.
 */
public final class AwsClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private AwsClients() {
    }

    /**
     * Applies the settings to a client builder.
     *
     * @param credentials  null for the default chain
     * @param interceptors tests observe the wire through these
     */
    public static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(
            B builder, AwsClientSettings settings, AwsCredentialsProvider credentials,
            List<ExecutionInterceptor> interceptors) {
        builder.region(Region.of(settings.region()))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(settings.attemptTimeout())
                        .build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts())
                                .build())
                        .apiCallAttemptTimeout(settings.attemptTimeout())
                        .apiCallTimeout(settings.callTimeout())
                        .executionInterceptors(List.copyOf(interceptors))
                        .build());
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder;
    }
}
