package io.logpipe.processor.parse.json;

import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.parse.structured.Values;

import java.util.Map;

/**
 * Lambda's JSON log format for platform events: {@code {"time":..., "type":"platform.report",
 * "record":{"requestId":..., "metrics":{"durationMs":..., ...}, "status":"success"}}}.
 */
public final class LambdaJsonPlatformEvents {
    private LambdaJsonPlatformEvents() {
    }

    /** Applies and removes {@code type}/{@code record} when the JSON record is a Lambda platform event. */
    public static boolean apply(Map<String, Object> record, LogEvent e) {
        if (!(record.get("type") instanceof String type) || !type.startsWith("platform.")
                || !(record.get("record") instanceof Map<?, ?> body)) {
            return false;
        }
        LogEvent.LambdaReport lambda = e.lambda();
        lambda.platformEvent = snakeCase(type.substring("platform.".length()));
        lambda.requestId = Values.text(body.get("requestId"));
        lambda.status = Values.text(body.get("status"));
        if (body.get("metrics") instanceof Map<?, ?> m) {
            lambda.durationMs = Values.decimal(m.get("durationMs"));
            lambda.billedDurationMs = Values.decimal(m.get("billedDurationMs"));
            lambda.memorySizeMb = Values.whole(m.get("memorySizeMB"), LogEvent.UNSET);
            lambda.maxMemoryUsedMb = Values.whole(m.get("maxMemoryUsedMB"), LogEvent.UNSET);
            lambda.initDurationMs = Values.decimal(m.get("initDurationMs"));
        }
        record.remove("type");
        record.remove("record");
        e.message = type + (lambda.requestId == null ? "" : " " + lambda.requestId)
                + (lambda.status == null ? "" : " " + lambda.status);
        return true;
    }

    /** {@code initStart} → {@code init_start}, the spelling the text format's {@code INIT_START} gives. */
    private static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }
}
