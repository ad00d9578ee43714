package io.logpipe.processor.sink.opensearch;

import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.aws.AwsSdk2Transport;
import org.opensearch.client.transport.aws.AwsSdk2TransportOptions;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;

/**
 * Builds the one {@link OpenSearchClient} the sink and the bootstrap use: SigV4 over the AWS SDK for Amazon
 * OpenSearch Service (service {@code es}, or {@code aoss} for Serverless), plain HttpClient 5 for local
 * nodes (optionally with basic auth). Callers see only {@code OpenSearchClient}.
 */
public final class OpenSearchClients {
    private OpenSearchClients() {
    }

    public static OpenSearchClient create(OpenSearchSinkConfig config) {
        if (config.auth() == OpenSearchSinkConfig.Auth.SIGV4) {
            return createSigV4(config, UrlConnectionHttpClient.builder().socketTimeout(config.requestTimeout())
                    .connectionTimeout(java.time.Duration.ofSeconds(5)).build(), null);
        }
        return new OpenSearchClient(httpTransport(config));
    }

    /**
     * SigV4 over any SDK HTTP client (the URL-connection client in Lambda: the lightest to start). Credentials
     * come from the default chain (the Lambda's role) unless given.
     */
    static OpenSearchClient createSigV4(OpenSearchSinkConfig config, SdkHttpClient http, AwsCredentialsProvider credentials) {
        AwsSdk2TransportOptions.Builder options = AwsSdk2TransportOptions.builder()
                .setRequestCompressionSize(config.compression() ? 1024 : Integer.MAX_VALUE);
        if (credentials != null) {
            options.setCredentials(credentials);
        }
        return new OpenSearchClient(new AwsSdk2Transport(http, config.endpoint().getHost(), config.signingService(),
                Region.of(config.region()), options.build()));
    }

    private static OpenSearchTransport httpTransport(OpenSearchSinkConfig config) {
        URI uri = config.endpoint();
        HttpHost host = new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort() > 0 ? uri.getPort()
                : "https".equals(uri.getScheme()) ? 443 : 80);
        long timeout = config.requestTimeout().toMillis();
        return ApacheHttpClient5TransportBuilder.builder(host)
                .setCompressionEnabled(config.compression())
                .setRequestConfigCallback(rc -> RequestConfig.copy(rc.build())
                        .setConnectionRequestTimeout(Timeout.ofMilliseconds(timeout))
                        .setResponseTimeout(Timeout.ofMilliseconds(timeout)))
                .setHttpClientConfigCallback(http -> {
                    if (config.auth() == OpenSearchSinkConfig.Auth.BASIC) {
                        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                        credentials.setCredentials(new AuthScope(host),
                                new UsernamePasswordCredentials(config.username(), config.password().toCharArray()));
                        http.setDefaultCredentialsProvider(credentials);
                    }
                    return http;
                })
                .build();
    }
}
