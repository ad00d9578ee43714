package io.logpipe.ingest.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Stamps accepted events and serialises them as Kafka record values: the client's fields as sent, then
 * {@code received_at} (ISO-8601 UTC, milliseconds) and {@code ingest_id} (a UUIDv7), and {@code service} when the
 * event names no service. The processor reads such a value as a JSON log: {@code event} becomes
 * {@code event.action}, {@code user_id} {@code user.id}, {@code service} {@code service.name}, and the stamped
 * fields land in {@code attributes}; the event's own time field, if any, is its {@code @timestamp}, otherwise the
 * record timestamp, which the publisher sets to the same receive time.
 */
public final class EventStamper {
    public static final String RECEIVED_AT = "received_at";
    public static final String INGEST_ID = "ingest_id";
    public static final String SERVICE = "service";
    /** The keys the processor reads as the service name (StructuredFields); when one is present it is kept. */
    private static final Set<String> SERVICE_KEYS = Set.of("service", "service_name", "service.name", "serviceName",
            "app", "application", "app_name");
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper json = new ObjectMapper();
    private final String serviceName;

    public EventStamper(String serviceName) {
        this.serviceName = serviceName;
    }

    /** One stamped event: its id and the bytes to publish. */
    public record Stamped(String id, byte[] value) {
    }

    /** Stamps every event with the same receive time; a client's own {@code received_at}/{@code ingest_id} is replaced. */
    public List<Stamped> stamp(List<ObjectNode> events, Instant receivedAt) {
        String at = ISO_MILLIS.format(receivedAt);
        long millis = receivedAt.toEpochMilli();
        List<Stamped> out = new ArrayList<>(events.size());
        for (ObjectNode event : events) {
            String id = EventIds.next(millis).toString();
            event.put(RECEIVED_AT, at);
            event.put(INGEST_ID, id);
            if (SERVICE_KEYS.stream().noneMatch(event::has)) {
                event.put(SERVICE, serviceName);
            }
            try {
                out.add(new Stamped(id, json.writeValueAsBytes(event)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a parsed event cannot be written back: " + e.getMessage(), e);
            }
        }
        return out;
    }
}
