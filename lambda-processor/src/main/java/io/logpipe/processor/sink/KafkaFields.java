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
        g.writeObjectFieldStart("kafka");
        g.writeStringField("topic", s.topic());
        g.writeNumberField("partition", s.partition());
        g.writeNumberField("offset", s.offset());
        EcsDocumentWriter.optional(g, "key", s.kafkaKey());
        g.writeEndObject();
    }
}
