package io.logpipe.processor.parse;

import java.util.Map;

/** Recognises the JSON envelope FireLens (Fluent Bit) wraps around each container line. */
final class FireLens {
    private FireLens() {
    }

    static boolean isEnvelope(Map<String, Object> record) {
        return record.containsKey("container_id") || record.containsKey("container_name")
                || record.containsKey("ecs_task_arn") || record.containsKey("ecs_cluster")
                || record.containsKey("source") && record.size() <= 3;
    }
}
