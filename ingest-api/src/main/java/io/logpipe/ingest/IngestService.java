package io.logpipe.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logpipe.ingest.events.EventReader;
import io.logpipe.ingest.events.EventStamper;
import io.logpipe.ingest.events.RejectedInput;
import io.logpipe.ingest.http.Reply;
import io.logpipe.ingest.kafka.ClusterHealth;
import io.logpipe.ingest.kafka.EventPublisher;
import io.logpipe.ingest.kafka.PublishFailedException;
import io.logpipe.ingest.metrics.IngestMetrics;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the endpoints do, without HTTP plumbing: read and validate, stamp, publish, answer. {@code 202} only once
 * Kafka acknowledged every event of the request; {@code 503} with {@code Retry-After} when it did not, so the
 * client keeps the events and retries.
 */
public final class IngestService {
    /** Seconds a client should wait after a 503 before retrying: about the producer's reconnect backoff. */
    public static final int RETRY_AFTER_SECONDS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IngestConfig config;
    private final EventReader reader;
    private final EventStamper stamper;
    private final EventPublisher publisher;
    private final ClusterHealth health;
    private final IngestMetrics metrics;
    private final Clock clock;

    public IngestService(IngestConfig config, EventPublisher publisher, ClusterHealth health, IngestMetrics metrics,
                         Clock clock) {
        this.config = config;
        this.reader = new EventReader(config.maxEventBytes(), config.maxBatchEvents(), config.maxJsonDepth());
        this.stamper = new EventStamper(config.serviceName());
        this.publisher = publisher;
        this.health = health;
        this.metrics = metrics;
        this.clock = clock;
    }

    public IngestConfig config() {
        return config;
    }

    /** {@code POST /register_event}. */
    public Reply registerEvent(byte[] body) throws InterruptedException {
        try {
            return publish(reader.single(body));
        } catch (RejectedInput e) {
            return rejected(e, 1);
        }
    }

    /** {@code POST /v1/logs}: NDJSON or a JSON array, chosen by the content type (sniffed when there is none). */
    public Reply logs(String contentType, byte[] body) throws InterruptedException {
        try {
            return publish(switch (batchFormat(contentType, body)) {
                case NDJSON -> reader.ndjson(body);
                case ARRAY -> reader.array(body);
            });
        } catch (RejectedInput e) {
            return rejected(e, 1);
        }
    }

    private enum BatchFormat { NDJSON, ARRAY }

    private static BatchFormat batchFormat(String contentType, byte[] body) throws RejectedInput {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines" ->
                    BatchFormat.NDJSON;
            case "application/json" -> BatchFormat.ARRAY;
            case "" -> firstNonBlank(body) == '[' ? BatchFormat.ARRAY : BatchFormat.NDJSON;
            default -> throw new RejectedInput(RejectedInput.Reason.UNSUPPORTED_MEDIA_TYPE, "unsupported Content-Type "
                    + contentType + ": send application/x-ndjson (one object per line) or application/json (an array)");
        };
    }

    private static int firstNonBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b;
            }
        }
        return -1;
    }

    private Reply publish(List<ObjectNode> events) throws InterruptedException {
        Instant now = clock.instant();
        List<EventStamper.Stamped> stamped = stamper.stamp(events, now);
        long start = System.nanoTime();
        try {
            publisher.publish(stamped, now);
        } catch (PublishFailedException e) {
            metrics.publishLatency(System.nanoTime() - start);
            metrics.rejected("kafka_unavailable", e.total() - e.published());
            ObjectNode body = error(503, "kafka_unavailable", e.getMessage()
                    + "; nothing was accepted: retry the request after Retry-After seconds");
            body.put("published_anyway", e.published());
            return new Reply(503, body).withHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        }
        metrics.publishLatency(System.nanoTime() - start);
        metrics.accepted(stamped.size());
        ObjectNode body = JSON.createObjectNode();
        body.put("accepted", stamped.size());
        ArrayNode ids = body.putArray("ids");
        stamped.forEach(s -> ids.add(s.id()));
        return new Reply(202, body);
    }

    private Reply rejected(RejectedInput e, int events) {
        metrics.rejected(e.reason().label(), events);
        return new Reply(e.reason().status(), error(e.reason().status(), e.reason().label(), e.getMessage()));
    }

    /** {@code GET /health}: 200 when the cluster answers for the topic, 503 otherwise. */
    public Reply health() {
        ClusterHealth.Status s = health.check();
        ObjectNode body = JSON.createObjectNode();
        body.put("status", s.up() ? "ok" : "unavailable");
        ObjectNode kafka = body.putObject("kafka");
        kafka.put("reachable", s.up());
        kafka.put("topic", config.topic());
        if (s.up()) {
            kafka.put("partitions", s.partitions());
        } else {
            kafka.put("error", s.error());
        }
        return new Reply(s.up() ? 200 : 503, body);
    }

    public static ObjectNode error(int status, String reason, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", status);
        body.put("reason", reason);
        body.put("error", message);
        return body;
    }
}
