package io.logpipe.processor.parse.structured;

import io.logpipe.processor.model.LogEvent;

import java.util.Map;

/**
 * Maps the well-known keys of structured records (JSON and logfmt) onto document fields; every other key
 * goes to {@code attributes}. Key spellings cover the common loggers: logback/log4j JSON, log4j2's JsonLayout,
 * pino, bunyan, zap, structlog, python-json-logger, Rust's tracing (its {@code target} is the logger), Lambda's
 * JSON log format, ECS loggers, FireLens envelopes, and .NET's: Microsoft.Extensions.Logging's JSON console
 * ({@code LogLevel}, {@code Category}, {@code Message}, {@code Exception}) and Serilog's JSON and compact JSON
 * ({@code @t}, {@code @mt}/{@code @m}, {@code @l}, {@code @x}, {@code SourceContext}).
 */
public final class StructuredFields {
    /** 9999-12-31T23:59:59Z: the last second a document's four-digit year can show. */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;
    private StructuredFields() {
    }

    /** Applies one top-level key/value of a record. */
    public static void apply(LogEvent e, String key, Object value) {
        if (value == null || !applyKnown(e, key, value)) {
            e.attributes().put(key, value);
        }
    }

    private static boolean applyKnown(LogEvent e, String key, Object value) {
        return switch (key) {
            case "message", "msg", "@message", "log.message", "Message", "RenderedMessage", "@m", "@mt" ->
                    setMessage(e, value);
            case "level", "severity", "lvl", "loglevel", "log_level", "levelname", "levelName", "log.level",
                 "severity_text", "SeverityText", "severityText", "LogLevel", "Level", "@l" -> setLevel(e, value);
            case "timestamp", "time", "ts", "@timestamp", "datetime", "asctime", "date", "t", "eventTime",
                 "logged_at", "Timestamp", "@t" -> setTime(e, value);
            case "instant" -> setInstant(e, value);
            case "service", "service_name", "service.name", "serviceName", "app", "application", "app_name" ->
                    setService(e, value);
            case "env", "environment", "deployment.environment", "deployment_environment", "stage", "service.environment" ->
                    e.environment == null && (e.environment = Values.text(value)) != null;
            case "host", "hostname", "host.name", "hostName" -> setHost(e, value);
            case "trace_id", "traceId", "trace.id", "traceid", "xray_trace_id", "x_amzn_trace_id",
                 "X-Amzn-Trace-Id", "AWS-XRAY-TRACE-ID", "dd.trace_id", "TraceId", "@tr" ->
                    e.traceId == null && (e.traceId = TraceIds.normalise(Values.text(value))) != null;
            case "span_id", "spanId", "span.id", "SpanId", "@sp" ->
                    e.spanId == null && (e.spanId = Values.text(value)) != null;
            case "user_id", "userId", "user.id" -> e.userId == null && (e.userId = Values.text(value)) != null;
            case "user" -> setUser(e, value);
            case "logger", "logger_name", "loggerName", "log.logger", "Category", "SourceContext" ->
                    (e.logger = Values.text(value)) != null;
            case "thread", "thread_name", "threadName", "process.thread.name" -> (e.thread = Values.text(value)) != null;
            case "event" -> value instanceof String s && setEvent(e, s);
            case "fields" -> setTracingFields(e, value);
            case "target" -> setTarget(e, value);
            case "requestId", "AWSRequestId", "aws_request_id", "awsRequestId" -> setLambdaRequestId(e, value);
            case "error", "err", "exception", "exc_info", "stack_trace", "stack", "stacktrace",
                 "error.message", "error.type", "error.stack_trace", "error_message", "error_type", "Exception", "@x" ->
                    ErrorFields.apply(e, key, value);
            case "container_id", "container_name", "ecs_cluster", "ecs_task_arn", "ecs_task_definition", "source" ->
                    ContainerFields.apply(e, key, value);
            default -> HttpFields.apply(e, key, value);
        };
    }

    private static boolean setMessage(LogEvent e, Object value) {
        if (e.message != null || value instanceof java.util.Map || value instanceof java.util.List) {
            return false;                          // an object stays structured in attributes, not Map.toString()
        }
        e.message = value instanceof String s ? s : String.valueOf(value);
        return true;
    }

    /**
     * An event name ({@code "login"}, {@code "order.created"}) is event.action; a sentence is structlog's message
     * ({@code {"event": "user logged in", ...}}), as long as the record has no other message.
     */
    private static boolean setEvent(LogEvent e, String event) {
        for (int i = 0; i < event.length(); i++) {
            if (Character.isWhitespace(event.charAt(i))) {
                return setMessage(e, event);
            }
        }
        e.action = event;
        return true;
    }

    /**
     * Rust's tracing-subscriber JSON: {@code "fields": {"message": "listening", "addr": ...}} carries the message; the
     * other fields stay in attributes under {@code fields}.
     */
    @SuppressWarnings("unchecked")
    private static boolean setTracingFields(LogEvent e, Object value) {
        if (!(value instanceof Map<?, ?> map) || !(map.get("message") instanceof String message) || e.message != null) {
            return false;
        }
        e.message = message;
        ((Map<Object, Object>) map).remove("message");
        if (!map.isEmpty()) {
            e.attributes().put("fields", map);
        }
        return true;
    }

    /** An HTTP request-target is a path; Rust's tracing and log crates name the module there ("orders::db"). */
    private static boolean setTarget(LogEvent e, Object value) {
        if (!(value instanceof String s) || s.isBlank()) {
            return false;
        }
        return s.startsWith("/") ? HttpFields.applyFlat(e, "target", s) : e.logger == null && (e.logger = s) != null;
    }

    /** log4j2's JsonLayout: {@code "instant": {"epochSecond": 1710238531, "nanoOfSecond": 250000000}}. */
    private static boolean setInstant(LogEvent e, Object value) {
        if (!(value instanceof Map<?, ?> map) || map.size() != 2 || !(map.get("epochSecond") instanceof Long seconds)
                || !(map.get("nanoOfSecond") instanceof Long nanos) || seconds < 0 || seconds > MAX_EPOCH_SECOND
                || nanos < 0 || nanos > 999_999_999 || e.timeText != null || !Double.isNaN(e.timeNumber)) {
            return false;
        }
        e.timeText = Long.toString(seconds * 1000 + nanos / 1_000_000);    // epoch millis, read exactly
        return true;
    }

    private static boolean setLevel(LogEvent e, Object value) {
        if (value instanceof Number n) {
            e.levelNumber = n.longValue();
            return true;
        }
        if (value instanceof String s && e.levelText == null) {
            e.levelText = s;
            return true;
        }
        return false;
    }

    private static boolean setTime(LogEvent e, Object value) {
        if (e.timeText != null || !Double.isNaN(e.timeNumber)) {
            return false;
        }
        if (value instanceof Long l) {
            e.timeText = l.toString();             // exact: a double loses the millis of epoch nanoseconds
            return true;
        }
        if (value instanceof Number n) {
            e.timeNumber = n.doubleValue();
            return true;
        }
        if (value instanceof String s) {
            e.timeText = s;
            return true;
        }
        return false;
    }

    private static boolean setService(LogEvent e, Object value) {
        if (value instanceof Map<?, ?> map) {                  // ECS loggers: "service": {"name", "environment"}
            String name = Values.text(map.get("name"));
            String env = Values.text(map.get("environment"));
            if (name != null && e.serviceName == null) {
                e.serviceName = name;
            }
            if (env != null && e.environment == null) {
                e.environment = env;
            }
            return name != null && map.size() <= (env == null ? 1 : 2);
        }
        return e.serviceName == null && (e.serviceName = Values.text(value)) != null;
    }

    private static boolean setHost(LogEvent e, Object value) {
        if (value instanceof Map<?, ?> map) {
            Object name = map.containsKey("name") ? map.get("name") : map.get("hostname");
            if (name != null && e.hostName == null) {
                e.hostName = Values.text(name);
            }
            return name != null && map.size() == 1;
        }
        return e.hostName == null && (e.hostName = Values.text(value)) != null;
    }

    /** Lambda's JSON log format carries the request id; elsewhere a request id is just an attribute. */
    private static boolean setLambdaRequestId(LogEvent e, Object value) {
        String logGroup = e.raw.source().logGroup();
        if (logGroup == null || !logGroup.startsWith("/aws/lambda/")) {
            return false;
        }
        return (e.lambda().requestId = Values.text(value)) != null;
    }

    /** {@code "user": {"id": 42, "email": ...}}: the id becomes user.id, the rest stays in attributes. */
    private static boolean setUser(LogEvent e, Object value) {
        if (value instanceof Map<?, ?> map && map.get("id") != null) {
            if (e.userId == null) {
                e.userId = Values.text(map.get("id"));
            }
            map.remove("id");
            return map.isEmpty();
        }
        return false;
    }
}
