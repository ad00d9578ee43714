package io.logpipe.processor.sink.archive;

import io.logpipe.processor.aws.AwsClientSettings;
import io.logpipe.processor.aws.AwsClients;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.firehose.FirehoseClient;

import java.util.List;

/** The Firehose client: the Lambda's shared AWS client setup ({@link AwsClients}). */
public final class FirehoseClients {
    private FirehoseClients() {
    }

    public static FirehoseClient create(AwsClientSettings settings) {
        return create(settings, null, List.of());
    }

    /** With explicit credentials (null: default chain) and interceptors (tests, local endpoints). */
    public static FirehoseClient create(AwsClientSettings settings, AwsCredentialsProvider credentials,
                                        List<ExecutionInterceptor> interceptors) {
        return AwsClients.configure(FirehoseClient.builder(), settings, credentials, interceptors).build();
    }
}
