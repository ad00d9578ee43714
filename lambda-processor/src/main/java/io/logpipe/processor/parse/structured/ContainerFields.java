package io.logpipe.processor.parse.structured;

import io.logpipe.processor.model.LogEvent;

/** FireLens (Fluent Bit) metadata: {@code container_*}, {@code ecs_*} and the {@code source} stream. */
final class ContainerFields {
    private ContainerFields() {
    }

    static boolean apply(LogEvent e, String key, Object value) {
        String text = Values.text(value);
        if (text == null) {
            return false;
        }
        switch (key) {
            case "container_id" -> e.containerId = text;
            case "container_name" -> e.containerName = text.startsWith("/") ? text.substring(1) : text;
            case "ecs_cluster" -> e.ecsCluster = text;
            case "ecs_task_arn" -> e.ecsTaskArn = text;
            case "ecs_task_definition" -> e.ecsTaskDefinition = text;
            case "source" -> {
                if (!text.equals("stdout") && !text.equals("stderr")) {
                    return false;                 // some apps use "source" for their own meaning: keep it
                }
                e.ioStream = text;
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
