package io.logpipe.processor.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The document under construction as it moves down the pipeline, shaped like the ECS-style JSON it becomes
 * (docs/schema.md). It is deliberately mutable with public fields: each stage fills in a few of ~50 fields
 * on a hot path that handles 300k+ events per CPU-second, and immutable copies per stage would cost more
 * than the parsing itself. One instance belongs to one thread and one record; nothing keeps it afterwards.
 *
 * <p>Parsers fill the raw values ({@link #timeText}, {@link #levelText}); the clean stage turns them into
 * {@link #timestamp} and {@link #level}. Unset numbers are {@code -1} (or NaN for doubles).
 */
public final class LogEvent {
    public static final long UNSET = -1;

    public final RawLogRecord raw;

    // event / time
    public String dataset;                 // event.dataset: which parser understood the line
    public String action;                  // event.action, e.g. "login" from {"event":"login"}
    public long timestamp = UNSET;         // @timestamp, epoch millis, set by the clean stage
    public String timeText;                // time as written in the message, if any
    public double timeNumber = Double.NaN; // numeric time from a JSON field, if any
    public long durationNanos = UNSET;     // event.duration

    // log
    public String message;
    public Level level;
    public String levelText;               // level as written; normalised by the clean stage
    public long levelNumber = UNSET;       // numeric level (pino, syslog) from a JSON field
    public String logger;
    public String thread;

    // who
    public String serviceName;
    public String environment;
    public String hostName;
    public String traceId;
    public String spanId;
    public String userId;

    // cloud and container metadata
    public String cloudAccountId;
    public String cloudRegion;
    public String containerId;
    public String containerName;
    public String ecsCluster;
    public String ecsTaskArn;
    public String ecsTaskDefinition;
    public String faasName;
    public String ioStream;                // log.iostream: stdout or stderr, from FireLens

    // nested ECS groups, allocated only when a parser finds them
    public Http http;
    public ErrorInfo error;
    public LambdaReport lambda;

    public Map<String, Object> attributes;
    public List<String> tags;

    public LogEvent(RawLogRecord raw) {
        this.raw = raw;
    }

    public Http http() {
        return http == null ? http = new Http() : http;
    }

    public ErrorInfo error() {
        return error == null ? error = new ErrorInfo() : error;
    }

    public LambdaReport lambda() {
        return lambda == null ? lambda = new LambdaReport() : lambda;
    }

    public Map<String, Object> attributes() {
        return attributes == null ? attributes = new LinkedHashMap<>() : attributes;
    }

    public void tag(String tag) {
        if (tags == null) {
            tags = new ArrayList<>(2);
        }
        if (!tags.contains(tag)) {
            tags.add(tag);
        }
    }

    /** http.*, url.*, source.ip and user_agent.original of an access log or a structured request log. */
    public static final class Http {
        public String method;
        public String path;
        public String query;
        public String version;
        public int statusCode = -1;
        public long bodyBytes = UNSET;
        public String sourceIp;
        public String userAgent;
        public String referrer;
    }

    /** error.* of a stack trace or a structured error field. */
    public static final class ErrorInfo {
        public String type;
        public String message;
        public String stackTrace;
        public String fingerprint;
    }

    /** aws.lambda.* from Lambda platform lines (START/END/REPORT) and Lambda's own log formats. */
    public static final class LambdaReport {
        public String requestId;
        public double durationMs = Double.NaN;
        public double billedDurationMs = Double.NaN;
        public long memorySizeMb = UNSET;
        public long maxMemoryUsedMb = UNSET;
        public double initDurationMs = Double.NaN;
        public String status;
        public String platformEvent;       // start, end, report, init_start, ...
    }
}
