package io.logpipe.ingest.kafka;

import io.logpipe.ingest.IngestConfig;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.Map;

/** Producer and admin client settings derived from {@link IngestConfig}. */
public final class KafkaSettings {
    /** Batches across concurrent requests: a 10,000-event burst goes out in a few hundred produce requests. */
    static final int LINGER_MS = 5;
    static final int BATCH_BYTES = 128 * 1024;
    /** Records waiting for the broker at most; when full, {@code send} waits {@code max.block.ms}, then 503. */
    static final long BUFFER_BYTES = 64L << 20;
    static final int HEALTH_TIMEOUT_MS = 2_000;

    private KafkaSettings() {
    }

    /**
     * Idempotent, {@code acks=all}: an acknowledged record is on every in-sync replica, and the producer's own
     * retries never write it twice. Every wait is bounded by {@code SEND_TIMEOUT_MS}: {@code delivery.timeout.ms}
     * (from {@code send} to the acknowledgement, retries included) and {@code max.block.ms} (metadata for the
     * topic, or room in a full buffer).
     */
    public static Map<String, Object> producer(IngestConfig config) {
        Map<String, Object> c = common(config);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, config.serviceName());
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");     // the idempotent producer's maximum
        c.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(LINGER_MS));
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(BATCH_BYTES));
        c.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(BUFFER_BYTES));
        c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(Math.max(1 << 20, config.maxEventBytes() + 4096)));
        int send = config.sendTimeoutMs();
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(send));
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(send - LINGER_MS)); // Kafka: delivery >= linger + request
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(send / 2));
        c.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return c;
    }

    /** The admin client behind {@code /health}: every call answers within {@link #HEALTH_TIMEOUT_MS}. */
    public static Map<String, Object> admin(IngestConfig config) {
        Map<String, Object> c = common(config);
        c.put(AdminClientConfig.CLIENT_ID_CONFIG, config.serviceName() + "-health");
        c.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(HEALTH_TIMEOUT_MS));
        c.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(HEALTH_TIMEOUT_MS));
        c.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return c;
    }

    private static Map<String, Object> common(IngestConfig config) {
        Map<String, Object> c = new HashMap<>();
        c.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        if (config.sasl() == IngestConfig.Sasl.IAM) {
            // MSK IAM (aws-msk-iam-auth): TLS on port 9098, credentials from the default AWS chain (the task role).
            c.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
            c.put("sasl.mechanism", "AWS_MSK_IAM");
            c.put("sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;");
            c.put("sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
        }
        return c;
    }
}
