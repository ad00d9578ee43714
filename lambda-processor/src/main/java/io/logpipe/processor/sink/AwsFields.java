package io.logpipe.processor.sink;

import io.logpipe.processor.model.LogEvent;


import static io.logpipe.processor.sink.EcsDocumentWriter.optional;
import static io.logpipe.processor.sink.EcsDocumentWriter.optionalRepeated;

/** The {@code aws.*} group: CloudWatch origin, ECS task, and Lambda platform metrics. */
final class AwsFields {
    private AwsFields() {
    }

    /** {@code cloudWatch}: keeps the group's opening and its cloudwatch object, the same for a whole payload. */
    static void write(LogEvent e, JsonOut g, RepeatedFields cloudWatch) {
        String group = e.raw.source().logGroup();
        boolean ecs = e.ecsCluster != null || e.ecsTaskArn != null || e.ecsTaskDefinition != null;
        if (group == null && !ecs && e.lambda == null) {
            return;
        }
        if (group == null) {
            g.writeObjectFieldStart(FieldNames.AWS);
        } else {
            String stream = e.raw.source().logStream();
            if (!cloudWatch.copyOrStart(g, group, stream, null, null, null)) {
                g.writeObjectFieldStart(FieldNames.AWS);   // left open: the fields below and the end follow
                g.writeObjectFieldStart(FieldNames.CLOUDWATCH);
                g.writeRepeatedStringField(FieldNames.LOG_GROUP, group, EcsDocumentWriter.LOG_GROUP);
                if (stream != null) {
                    g.writeRepeatedStringField(FieldNames.LOG_STREAM, stream, EcsDocumentWriter.LOG_STREAM);
                }
                g.writeEndObject();
                cloudWatch.end(g);
            }
        }
        if (ecs) {
            g.writeObjectFieldStart(FieldNames.ECS);
            optionalRepeated(g, FieldNames.CLUSTER, e.ecsCluster, EcsDocumentWriter.ECS_CLUSTER);
            optionalRepeated(g, FieldNames.TASK_ARN, e.ecsTaskArn, EcsDocumentWriter.ECS_TASK_ARN);
            optional(g, FieldNames.TASK_DEFINITION, e.ecsTaskDefinition);
            g.writeEndObject();
        }
        if (e.lambda != null) {
            writeLambda(e.lambda, g);
        }
        g.writeEndObject();
    }

    private static void writeLambda(LogEvent.LambdaReport l, JsonOut g) {
        g.writeObjectFieldStart(FieldNames.LAMBDA);
        optional(g, FieldNames.REQUEST_ID, l.requestId);
        optionalRepeated(g, FieldNames.PLATFORM_EVENT, l.platformEvent, EcsDocumentWriter.LAMBDA_EVENT);
        optionalRepeated(g, FieldNames.STATUS, l.status, EcsDocumentWriter.LAMBDA_STATUS);
        optional(g, FieldNames.DURATION_MS, l.durationMs);
        optional(g, FieldNames.BILLED_DURATION_MS, l.billedDurationMs);
        optional(g, FieldNames.MEMORY_SIZE_MB, l.memorySizeMb);
        optional(g, FieldNames.MAX_MEMORY_USED_MB, l.maxMemoryUsedMb);
        optional(g, FieldNames.INIT_DURATION_MS, l.initDurationMs);
        g.writeEndObject();
    }
}
