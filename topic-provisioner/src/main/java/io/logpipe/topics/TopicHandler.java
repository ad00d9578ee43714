package io.logpipe.topics;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Map;

/** Lambda entry point of the topic custom resource (the user function of a {@code custom_resources.Provider}). */
public final class TopicHandler implements RequestStreamHandler {
    static final int MAX_EVENT_BYTES = 256 * 1024;

    private final TopicProvisioner provisioner;

    public TopicHandler() {
        Map<String, String> env = System.getenv();
        String region = env.get("AWS_REGION");
        String endpoint = env.get("LOGPIPE_MSK_API_ENDPOINT");
        MskBootstrapBrokers brokers = new MskBootstrapBrokers(
                endpoint == null ? MskBootstrapBrokers.defaultEndpoint(region) : URI.create(endpoint),
                region, DefaultCredentialsProvider.builder().build());
        this.provisioner = new TopicProvisioner(env, brokers::saslIam);
    }

    TopicHandler(TopicProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] bytes = input.readNBytes(MAX_EVENT_BYTES + 1);
        if (bytes.length > MAX_EVENT_BYTES) {
            throw new IllegalArgumentException("custom resource event larger than " + MAX_EVENT_BYTES + " bytes");
        }
        Map<String, Object> response;
        try {
            response = provisioner.handle(SimpleJson.readObject(bytes));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        System.out.println("topic " + response.get("PhysicalResourceId") + ": " + response.get("Data"));
        output.write(SimpleJson.write(response));
    }
}
