package io.logpipe.processor.dlq;

import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.FailureKind;
import io.logpipe.processor.model.SourceContext;
import io.logpipe.processor.model.Stage;

import java.util.List;
import java.util.Map;

/** Dead letters of every shape: a CloudWatch event, a sink rejection with its document, a Kafka record, a payload. */
final class DeadLetterSamples {
    static final long T0 = 1_710_238_533_002L;          // 2024-03-12T10:15:33.002Z

    private DeadLetterSamples() {
    }

    static List<DeadLetter> batch(long time) {
        return List.of(
                new DeadLetter(time, Stage.PARSE, FailureKind.MALFORMED_EVENT, "json nesting deeper than 20",
                        "38123456789012345678901234567890123456789012345678901234",
                        SourceContext.cloudWatch("123456789012", "/aws/lambda/orders-prod", "2024/03/12/[$LATEST]abc"),
                        "{\"a\":{\"b\":\"caf\u00e9 \u2603 \\\"quoted\\\"\"}}\n\tsecond line", null, 2),
                new DeadLetter(time, Stage.SINK, FailureKind.DOCUMENT_REJECTED,
                        "mapper_parsing_exception: failed to parse field [http.status]",
                        "38123456789012345678901234567890123456789012345678901299",
                        SourceContext.cloudWatch("123456789012", "/ecs/web", "web/1"), "GET /x 200",
                        "{\"@timestamp\":\"2024-03-12T10:15:33.000Z\",\"message\":\"GET /x 200\"}", 1),
                new DeadLetter(time, Stage.DECODE, FailureKind.MALFORMED_EVENT, "record value is not UTF-8",
                        "orders-0@42", SourceContext.kafka("orders", 0, 42L, "k", Map.of("h", "v")),
                        "\u0000binary\u00ff", null, 1),
                new DeadLetter(time, Stage.DECODE, FailureKind.BAD_GZIP, "gzip data is truncated", null, null,
                        "{\"awslogs\":{\"data\":\"H4sIAAAA\"}}", null, 0));
    }
}
