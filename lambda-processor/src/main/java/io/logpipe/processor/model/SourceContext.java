package io.logpipe.processor.model;

import java.util.Map;

/**
 * Transport metadata shared by the events of one delivery unit: a CloudWatch payload (one log group and
 * stream) or one Kafka record. Kafka fields are null/-1 for CloudWatch and vice versa.
 */
public record SourceContext(
        SourceKind kind,
        String owner,
        String logGroup,
        String logStream,
        String topic,
        int partition,
        long offset,
        String kafkaKey,
        Map<String, String> kafkaHeaders) {

    public SourceContext {
        kafkaHeaders = kafkaHeaders == null ? Map.of() : Map.copyOf(kafkaHeaders);
    }

    public static SourceContext cloudWatch(String owner, String logGroup, String logStream) {
        return new SourceContext(SourceKind.CLOUDWATCH, owner, logGroup, logStream, null, -1, -1, null, null);
    }

    public static SourceContext kafka(String topic, int partition, long offset, String key, Map<String, String> headers) {
        return new SourceContext(SourceKind.KAFKA, null, null, null, topic, partition, offset, key, headers);
    }
}
