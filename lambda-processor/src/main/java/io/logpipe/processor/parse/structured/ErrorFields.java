package io.logpipe.processor.parse.structured;

import io.logpipe.processor.model.LogEvent;

import java.util.Map;

/** error.type / error.message / error.stack_trace from the many ways structured loggers spell an error. */
final class ErrorFields {
    private ErrorFields() {
    }

    static boolean apply(LogEvent e, String key, Object value) {
        if (value instanceof Map<?, ?> map) {
            return applyObject(e, key, map);
        }
        String text = Values.text(value);
        if (text == null) {
            return false;
        }
        LogEvent.ErrorInfo error = e.error();
        switch (key) {
            case "error.type", "error_type" -> error.type = text;
            case "error.message", "error_message" -> error.message = text;
            case "error", "err" -> {
                if (text.indexOf('\n') >= 0) {
                    error.stackTrace = text;
                } else {
                    error.message = text;
                }
            }
            default -> error.stackTrace = text;        // exception, exc_info, stack_trace, stack, ...
        }
        return true;
    }

    /** {@code "error": {"type"|"kind"|"class", "message"|"msg", "stack_trace"|"stack"}}; other keys stay as attributes. */
    private static boolean applyObject(LogEvent e, String key, Map<?, ?> map) {
        LogEvent.ErrorInfo error = e.error();
        String type = take(map, "type", "kind", "class", "name");
        String message = take(map, "message", "msg", "reason");
        String stack = take(map, "stack_trace", "stack", "stacktrace", "trace");
        if (type != null) {
            error.type = type;
        }
        if (message != null) {
            error.message = message;
        }
        if (stack != null) {
            error.stackTrace = stack;
        }
        if (!map.isEmpty()) {
            e.attributes().put(key, map);
        }
        return true;
    }

    private static String take(Map<?, ?> map, String... names) {
        for (String name : names) {
            Object v = map.get(name);
            String text = Values.text(v);
            if (text != null) {
                map.remove(name);
                return text;
            }
        }
        return null;
    }
}
