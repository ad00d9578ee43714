package io.logpipe.processor.sink;

import io.logpipe.processor.model.LogEvent;


import static io.logpipe.processor.sink.EcsDocumentWriter.optional;
import static io.logpipe.processor.sink.EcsDocumentWriter.optionalRepeated;

/** The {@code aws.*} group: CloudWatch origin, ECS task, and Lambda platform metrics. */
final class AwsFields {
    private AwsFields() {
    }

    static void write(LogEvent e, JsonOut g) {
        String group = e.raw.source().logGroup();
        boolean ecs = e.ecsCluster != null || e.ecsTaskArn != null || e.ecsTaskDefinition != null;
        if (group == null && !ecs && e.lambda == null) {
            return;
        }
        g.writeObjectFieldStart("aws");
        if (group != null) {
            g.writeObjectFieldStart("cloudwatch");
            g.writeRepeatedStringField("log_group", group, EcsDocumentWriter.LOG_GROUP);
            String stream = e.raw.source().logStream();
            if (stream != null) {
                g.writeRepeatedStringField("log_stream", stream, EcsDocumentWriter.LOG_STREAM);
            }
            g.writeEndObject();
        }
        if (ecs) {
            g.writeObjectFieldStart("ecs");
            optionalRepeated(g, "cluster", e.ecsCluster, EcsDocumentWriter.ECS_CLUSTER);
            optionalRepeated(g, "task_arn", e.ecsTaskArn, EcsDocumentWriter.ECS_TASK_ARN);
            optional(g, "task_definition", e.ecsTaskDefinition);
            g.writeEndObject();
        }
        if (e.lambda != null) {
            writeLambda(e.lambda, g);
        }
        g.writeEndObject();
    }

    private static void writeLambda(LogEvent.LambdaReport l, JsonOut g) {
        g.writeObjectFieldStart("lambda");
        optional(g, "request_id", l.requestId);
        optionalRepeated(g, "platform_event", l.platformEvent, EcsDocumentWriter.LAMBDA_EVENT);
        optionalRepeated(g, "status", l.status, EcsDocumentWriter.LAMBDA_STATUS);
        optional(g, "duration_ms", l.durationMs);
        optional(g, "billed_duration_ms", l.billedDurationMs);
        optional(g, "memory_size_mb", l.memorySizeMb);
        optional(g, "max_memory_used_mb", l.maxMemoryUsedMb);
        optional(g, "init_duration_ms", l.initDurationMs);
        g.writeEndObject();
    }
}
