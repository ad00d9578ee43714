package io.logpipe.ingest.kafka;

import io.logpipe.ingest.IngestConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Whether the cluster can be reached and the topic exists, asked of the brokers on every call (a metadata request
 * for the topic, bounded by {@link KafkaSettings#HEALTH_TIMEOUT_MS}), so an outage shows at once.
 */
public final class ClusterHealth implements AutoCloseable {
    private final Admin admin;
    private final String topic;

    public ClusterHealth(IngestConfig config) {
        this.admin = Admin.create(KafkaSettings.admin(config));
        this.topic = config.topic();
    }

    /** @param partitions partitions of the topic (when up), {@code error} what failed (when down) */
    public record Status(boolean up, int partitions, String error) {
    }

    public Status check() {
        try {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(KafkaSettings.HEALTH_TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS).get(topic);
            boolean leaders = d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
            return leaders ? new Status(true, d.partitions().size(), null)
                    : new Status(false, d.partitions().size(), "some partitions of " + topic + " have no leader");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Status(false, 0, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Status(false, 0, "interrupted");
        } catch (java.util.concurrent.TimeoutException e) {
            return new Status(false, 0, "no answer from the cluster within " + KafkaSettings.HEALTH_TIMEOUT_MS + " ms");
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
