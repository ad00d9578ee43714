package io.logpipe.testkit.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes consumer records as the MSK event source mapping delivers them, and keeps the exact UTF-8 size of the
 * event as records are added (so a batch can be cut before it passes the payload limit).
 *
 * <pre>{@code
 * {"eventSource":"aws:kafka","eventSourceArn":"arn:aws:kafka:...","bootstrapServers":"b-1...:9098,...",
 *  "records":{"app-logs-0":[{"topic":"app-logs","partition":0,"offset":15,"timestamp":1710238532000,
 *    "timestampType":"CREATE_TIME","key":"<base64>","value":"<base64>","headers":[{"traceparent":[48,48,45,...]}]}]}}
 * }</pre>
 *
 * Groups are keyed {@code <topic>-<partition>} in first-seen order, records in offset order within a group. A null
 * key or value (tombstone) leaves the field out; header values are arrays of signed byte values (Java
 * {@code byte[]}), duplicate header names stay separate objects, and a null header value is written as JSON null.
 */
final class MskEventJson {
    private static final JsonFactory JSON = new JsonFactory();

    private MskEventJson() {
    }

    /** One record object, compact, as it appears inside its group's array. */
    static String record(ConsumerRecord<byte[], byte[]> r) {
        StringWriter out = new StringWriter(256 + (r.value() == null ? 0 : r.value().length * 4 / 3));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("topic", r.topic());
            g.writeNumberField("partition", r.partition());
            g.writeNumberField("offset", r.offset());
            g.writeNumberField("timestamp", r.timestamp());
            g.writeStringField("timestampType", r.timestampType().name());
            if (r.key() != null) {
                g.writeStringField("key", Base64.getEncoder().encodeToString(r.key()));
            }
            if (r.value() != null) {
                g.writeStringField("value", Base64.getEncoder().encodeToString(r.value()));
            }
            g.writeArrayFieldStart("headers");
            for (Header h : r.headers()) {
                g.writeStartObject();
                g.writeFieldName(h.key());
                if (h.value() == null) {
                    g.writeNull();
                } else {
                    g.writeStartArray();
                    for (byte b : h.value()) {
                        g.writeNumber(b);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** An event being assembled; {@link #bytes()} is always the UTF-8 size {@link #build()} will have. */
    static final class Builder {
        private final String eventSourceArn;
        private final String bootstrapServers;
        private final Map<String, List<String>> groups = new LinkedHashMap<>();
        private final Map<String, Integer> keyBytes = new LinkedHashMap<>();
        private int bytes;
        private int records;

        Builder(String eventSourceArn, String bootstrapServers) {
            this.eventSourceArn = eventSourceArn;
            this.bootstrapServers = bootstrapServers;
            this.bytes = utf8Length(envelope(eventSourceArn, bootstrapServers, Map.of()));
        }

        /** The event's size if a record of {@code fragmentBytes} for {@code topicPartition} were added. */
        int bytesWith(String topicPartition, int fragmentBytes) {
            List<String> group = groups.get(topicPartition);
            if (group != null) {
                return bytes + 1 + fragmentBytes;                        // ,{...}
            }
            return bytes + (groups.isEmpty() ? 0 : 1) + quotedBytes(topicPartition) + 3 + fragmentBytes; // ,"k":[{...}]
        }

        void add(String topicPartition, String fragment, int fragmentBytes) {
            bytes = bytesWith(topicPartition, fragmentBytes);
            groups.computeIfAbsent(topicPartition, k -> new ArrayList<>()).add(fragment);
            records++;
        }

        int bytes() {
            return bytes;
        }

        int records() {
            return records;
        }

        String build() {
            return envelope(eventSourceArn, bootstrapServers, groups);
        }

        private int quotedBytes(String key) {
            return keyBytes.computeIfAbsent(key, k -> JsonStringEncoder.getInstance().quoteAsUTF8(k).length + 2);
        }
    }

    private static String envelope(String eventSourceArn, String bootstrapServers, Map<String, List<String>> groups) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("eventSource", "aws:kafka");
            g.writeStringField("eventSourceArn", eventSourceArn);
            g.writeStringField("bootstrapServers", bootstrapServers);
            g.writeObjectFieldStart("records");
            for (Map.Entry<String, List<String>> group : groups.entrySet()) {
                g.writeArrayFieldStart(group.getKey());
                for (String fragment : group.getValue()) {
                    g.writeRawValue(fragment);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static byte[] bytes(String event) {
        return event.getBytes(StandardCharsets.UTF_8);
    }
}
