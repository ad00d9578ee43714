package io.logpipe.processor.parse;

import io.logpipe.processor.model.PreReadEnvelope;

import java.util.Map;

/** Recognises the JSON envelope FireLens (Fluent Bit) wraps around each container line. */
final class FireLens {
    private FireLens() {
    }

    /**
     * Whether a JSON record with a string {@code log} is an envelope, judged by its other fields ({@code fields}
     * may hold {@code log} too; {@code others} counts the fields besides it).
     */
    static boolean isEnvelope(PreReadEnvelope envelope) {
        boolean source = false;
        for (int i = 0; i < envelope.fieldCount(); i++) {
            String key = envelope.key(i);
            if (key.equals("container_id") || key.equals("container_name") || key.equals("ecs_task_arn")
                    || key.equals("ecs_cluster")) {
                return true;
            }
            source |= key.equals("source");
        }
        return source && envelope.fieldCount() <= 2;
    }

    /** {@link #isEnvelope(PreReadEnvelope)} for a record read as JSON. */
    static boolean isEnvelope(Map<String, Object> fields, int others) {
        return fields.containsKey("container_id") || fields.containsKey("container_name")
                || fields.containsKey("ecs_task_arn") || fields.containsKey("ecs_cluster")
                || fields.containsKey("source") && others <= 2;
    }
}
