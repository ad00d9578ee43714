package io.logpipe.topics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The custom resource behind the CDK app's Kafka topic (MSK Serverless has no topic resource in CloudFormation).
 * Create and Update make sure the topic exists with at least the wanted partitions (Kafka cannot shrink them);
 * Delete keeps the topic and its records, like a retained resource. Idempotent, and safe against a concurrent
 * creation (an existing topic counts as created).
 *
 * <p>Resource properties (strings): {@code Topic}, {@code Partitions}, and either {@code BootstrapServers} or
 * {@code ClusterArn} (its IAM bootstrap string is looked up). With {@code KAFKA_SASL=iam} in the environment the
 * client authenticates with MSK IAM over TLS, otherwise plaintext (local brokers).
 */
public final class TopicProvisioner {
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final long TIMEOUT_SECONDS = 60;

    /** Looks up bootstrap servers for a cluster ARN. */
    public interface BrokerLookup {
        String bootstrapServers(String clusterArn) throws Exception;
    }

    private final Map<String, String> env;
    private final BrokerLookup lookup;

    public TopicProvisioner(Map<String, String> env, BrokerLookup lookup) {
        this.env = Map.copyOf(env);
        this.lookup = lookup;
    }

    /** @return {@code PhysicalResourceId} and {@code Data} ({@code Topic}, {@code Partitions}, {@code BootstrapServers}) */
    public Map<String, Object> handle(Map<String, Object> event) throws Exception {
        Object type = event.get("RequestType");
        if (!(type instanceof String requestType)) {
            throw new IllegalArgumentException("event has no RequestType");
        }
        if (requestType.equals("Delete")) {
            Object id = event.get("PhysicalResourceId");
            return response(id instanceof String s ? s : "logpipe-topic", Map.of());
        }
        if (!requestType.equals("Create") && !requestType.equals("Update")) {
            throw new IllegalArgumentException("unknown RequestType " + requestType);
        }
        if (!(event.get("ResourceProperties") instanceof Map<?, ?> props)) {
            throw new IllegalArgumentException("event has no ResourceProperties");
        }
        String topic = string(props, "Topic");
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("resource property Topic must be a Kafka topic name, was " + topic);
        }
        int partitions = partitions(string(props, "Partitions"));
        String servers = string(props, "BootstrapServers");
        if (servers == null) {
            String clusterArn = string(props, "ClusterArn");
            if (clusterArn == null) {
                throw new IllegalArgumentException("resource property BootstrapServers or ClusterArn is required");
            }
            servers = lookup.bootstrapServers(clusterArn);
        }
        int actual = ensure(servers, topic, partitions);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Topic", topic);
        data.put("Partitions", Integer.toString(actual));
        data.put("BootstrapServers", servers);
        return response("logpipe-topic-" + topic, data);
    }

    /** Creates the topic or adds partitions; returns the partition count it has now. */
    int ensure(String bootstrapServers, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(clientConfig(bootstrapServers))) {
            Optional<TopicDescription> existing = describe(admin, topic);
            if (existing.isEmpty()) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
                            .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    return partitions;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw failure("create topic " + topic, e);
                    }
                    existing = describe(admin, topic);      // created concurrently: fall through to the size check
                }
            }
            int current = existing.map(d -> d.partitions().size()).orElse(partitions);
            if (current < partitions) {
                try {
                    admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions)))
                            .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // The count read above may lag a growth that just happened (metadata reaches the brokers a
                    // moment later, e.g. on a retried update): then the topic is already big enough.
                    int now = e.getCause() instanceof InvalidPartitionsException
                            ? describe(admin, topic).map(d -> d.partitions().size()).orElse(0) : 0;
                    if (now < partitions) {
                        throw failure("add partitions to " + topic, e);
                    }
                    return now;
                }
                return partitions;
            }
            return current;
        }
    }

    private static Optional<TopicDescription> describe(Admin admin, String topic) throws Exception {
        try {
            return Optional.of(admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw failure("describe topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("describe topic " + topic + ": no answer from the brokers in "
                    + TIMEOUT_SECONDS + " s", e);
        }
    }

    Map<String, Object> clientConfig(String bootstrapServers) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 50_000);
        if ("iam".equalsIgnoreCase(env.getOrDefault("KAFKA_SASL", ""))) {
            config.put("security.protocol", "SASL_SSL");
            config.put("sasl.mechanism", "AWS_MSK_IAM");
            config.put("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;");
            config.put("sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
        }
        return config;
    }

    private static RuntimeException failure(String what, ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return new IllegalStateException(what + " failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }

    private static int partitions(String value) {
        try {
            int n = value == null ? 1 : Integer.parseInt(value.trim());
            if (n < 1 || n > 1000) {
                throw new IllegalArgumentException("resource property Partitions must be 1..1000, was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("resource property Partitions must be an integer, was '" + value + "'", e);
        }
    }

    private static String string(Map<?, ?> props, String key) {
        Object v = props.get(key);
        return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v).trim();
    }

    private static Map<String, Object> response(String physicalId, Map<String, Object> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("PhysicalResourceId", physicalId);
        out.put("Data", data);
        return out;
    }
}
