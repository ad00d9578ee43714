package io.logpipe.processor.sink;

import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.model.SourceContext;
import io.logpipe.processor.model.SourceKind;


/** {@code kafka.*}: where an MSK record came from. Headers travel in attributes, where redaction sees them. */
final class KafkaFields {
    private KafkaFields() {
    }

    static void write(LogEvent e, JsonOut g) {
        SourceContext s = e.raw.source();
        if (s.kind() != SourceKind.KAFKA) {
            return;
        }
        g.writeObjectFieldStart(FieldNames.KAFKA);
        g.writeStringField(FieldNames.TOPIC, s.topic());
        g.writeNumberField(FieldNames.PARTITION, s.partition());
        g.writeNumberField(FieldNames.OFFSET, s.offset());
        EcsDocumentWriter.optional(g, FieldNames.KEY, s.kafkaKey());
        g.writeEndObject();
    }
}
