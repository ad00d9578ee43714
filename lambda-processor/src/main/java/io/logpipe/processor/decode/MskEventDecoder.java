package io.logpipe.processor.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.logpipe.processor.config.Limits;
import io.logpipe.processor.json.Json;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.FailureKind;
import io.logpipe.processor.model.RawLogRecord;
import io.logpipe.processor.model.SourceContext;
import io.logpipe.processor.model.Stage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the event an MSK (or self-managed Kafka) event source mapping delivers:
 * {@code {"eventSource":"aws:kafka","records":{"topic-0":[{topic,partition,offset,timestamp,key,value,headers}]}}}.
 * Each record becomes one log record with id {@code <topic>-<partition>-<offset>}; a poison record (bad
 * base64, no value, oversized) becomes a dead letter and the batch goes on.
 */
public final class MskEventDecoder implements EventDecoder {
    private final Limits limits;

    public MskEventDecoder(Limits limits) {
        this.limits = limits;
    }

    @Override
    public DecodedBatch decode(byte[] lambdaEvent) {
        List<RawLogRecord> records = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>(0);
        try {
            if (lambdaEvent.length > limits.maxEventBytes()) {
                throw new DecodeException(FailureKind.INPUT_TOO_LARGE,
                        "event of " + lambdaEvent.length + " bytes exceeds the " + limits.maxEventBytes() + "-byte limit");
            }
            int seen = readEvent(lambdaEvent, records, deadLetters);
            return new DecodedBatch(records, deadLetters, seen, 0, false);
        } catch (DecodeException e) {
            return DecodedBatch.failed(DeadLetter.ofPayload(Stage.DECODE, e.kind(), e.getMessage(),
                    new String(lambdaEvent, StandardCharsets.UTF_8)));
        }
    }

    private int readEvent(byte[] event, List<RawLogRecord> records, List<DeadLetter> deadLetters) throws DecodeException {
        try (JsonParser p = Json.FACTORY.createParser(event)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notKafkaEvent("event is not a JSON object");
            }
            String eventSource = null;
            int seen = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if ("eventSource".equals(field) && t == JsonToken.VALUE_STRING) {
                    eventSource = p.getText();
                } else if ("records".equals(field) && t == JsonToken.START_OBJECT) {
                    seen = readPartitions(p, records, deadLetters);
                } else {
                    p.skipChildren();
                }
            }
            if (seen < 0 || (eventSource != null && !eventSource.equals("aws:kafka") && !eventSource.equals("SelfManagedKafka"))) {
                throw notKafkaEvent("not a Kafka event (eventSource=" + eventSource + ", records " + (seen < 0 ? "missing" : "present") + ")");
            }
            return seen;
        } catch (JsonProcessingException e) {
            throw new DecodeException(FailureKind.MALFORMED_ENVELOPE, "event is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DecodeException(FailureKind.MALFORMED_ENVELOPE, "cannot read event: " + e.getMessage());
        }
    }

    private int readPartitions(JsonParser p, List<RawLogRecord> records, List<DeadLetter> deadLetters) throws IOException {
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                p.skipChildren();
                continue;
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                seen++;
                KafkaRecord r = KafkaRecord.read(p);
                toRecord(r, records, deadLetters);
            }
        }
        return seen;
    }

    private void toRecord(KafkaRecord r, List<RawLogRecord> records, List<DeadLetter> deadLetters) {
        SourceContext source = SourceContext.kafka(r.topic, r.partition, r.offset, decodeKey(r.key), r.headers);
        String id = r.topic + "-" + r.partition + "-" + r.offset;
        String problem = r.problem();
        byte[] value = null;
        if (problem == null) {
            try {
                value = Base64.getDecoder().decode(r.value);
            } catch (IllegalArgumentException e) {
                problem = "record value is not valid base64: " + e.getMessage();
            }
        }
        if (problem == null && value.length > limits.maxEventBytes()) {
            problem = "record value of " + value.length + " bytes exceeds the " + limits.maxEventBytes() + "-byte limit";
        }
        if (problem != null) {
            FailureKind kind = problem.startsWith("record value of") ? FailureKind.INPUT_TOO_LARGE : FailureKind.MALFORMED_EVENT;
            deadLetters.add(DeadLetter.ofEvent(Stage.DECODE, kind, problem,
                    new RawLogRecord(id, Math.max(r.timestamp, 0), r.value != null ? r.value : r.asDelivered(), source)));
            return;
        }
        String text = TextSanitizer.clean(new String(value, StandardCharsets.UTF_8));
        records.add(new RawLogRecord(id, r.timestamp, text, source));
    }

    private static String decodeKey(String base64Key) {
        if (base64Key == null) {
            return null;
        }
        try {
            return TextSanitizer.clean(new String(Base64.getDecoder().decode(base64Key), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return base64Key;
        }
    }

    private static DecodeException notKafkaEvent(String why) {
        return new DecodeException(FailureKind.MALFORMED_ENVELOPE, why);
    }

    /** The fields of one Kafka record as delivered, before validation. */
    private static final class KafkaRecord {
        String topic;
        int partition = -1;
        long offset = -1;
        long timestamp = -1;
        String key;
        String value;
        final Map<String, String> headers = new LinkedHashMap<>();

        static KafkaRecord read(JsonParser p) throws IOException {
            KafkaRecord r = new KafkaRecord();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "topic" -> r.topic = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "partition" -> r.partition = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1;
                    case "offset" -> r.offset = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                    case "timestamp" -> r.timestamp = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                    case "key" -> r.key = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "value" -> r.value = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "headers" -> readHeaders(p, t, r.headers);
                    default -> p.skipChildren();
                }
            }
            return r;
        }

        /** The record as JSON, for the dead letter of a record without a value (nothing else to keep). */
        String asDelivered() {
            java.io.StringWriter out = new java.io.StringWriter(128);
            try (com.fasterxml.jackson.core.JsonGenerator g = Json.FACTORY.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("topic", topic);
                g.writeNumberField("partition", partition);
                g.writeNumberField("offset", offset);
                g.writeNumberField("timestamp", timestamp);
                g.writeStringField("key", key);
                g.writeObjectFieldStart("headers");
                for (Map.Entry<String, String> header : headers.entrySet()) {
                    g.writeStringField(header.getKey(), header.getValue());
                }
                g.writeEndObject();
                g.writeNullField("value");
                g.writeEndObject();
            } catch (IOException e) {
                return "{\"topic\":\"" + topic + "\",\"offset\":" + offset + ",\"value\":null}";
            }
            return out.toString();
        }

        String problem() {
            if (topic == null || partition < 0 || offset < 0) {
                return "record lacks topic, partition or offset";
            }
            if (value == null) {
                return "record has no value (tombstone or null)";
            }
            return null;
        }

        /** AWS delivers headers as [{"name":[byte, byte, ...]}]. */
        private static void readHeaders(JsonParser p, JsonToken t, Map<String, String> headers) throws IOException {
            if (t != JsonToken.START_ARRAY) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    if (p.nextToken() != JsonToken.START_ARRAY) {
                        p.skipChildren();
                        continue;
                    }
                    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                    for (JsonToken b = p.nextToken(); b != JsonToken.END_ARRAY; b = p.nextToken()) {
                        if (b == JsonToken.VALUE_NUMBER_INT) {
                            bytes.write(p.getIntValue());
                        } else {
                            p.skipChildren();
                        }
                    }
                    if (headers.size() < 64) {
                        headers.put(name, TextSanitizer.clean(bytes.toString(StandardCharsets.UTF_8)));
                    }
                }
            }
        }
    }
}
