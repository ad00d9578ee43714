package io.logpipe.processor.sink.opensearch.index;

import io.logpipe.processor.model.Level;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.model.RawLogRecord;
import io.logpipe.processor.model.SourceContext;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events with every field of {@link LogEvent} set, one per transport (CloudWatch and Kafka emit different
 * groups). {@link #unsetFields} fails the contract test when a field is added to the model but not here, so
 * a new field cannot slip past the mapping check.
 */
final class FullyPopulatedEvents {
    static final long TS = 1_710_238_532_481L;

    private FullyPopulatedEvents() {
    }

    static LogEvent cloudWatch(String id) {
        return populate(new LogEvent(new RawLogRecord(id, TS + 16, "Payment authorized",
                SourceContext.cloudWatch("123456789012", "/ecs/orders", "orders-firelens-9c1e"))));
    }

    static LogEvent kafka(String id) {
        return populate(new LogEvent(new RawLogRecord(id, TS + 16, "Payment authorized",
                SourceContext.kafka("app-logs", 3, 1_234_567L, "orders-42", Map.of("traceparent", "00-abc")))));
    }

    static List<LogEvent> all() {
        return List.of(cloudWatch("cw-1"), kafka("app-logs-3-1234567"));
    }

    private static LogEvent populate(LogEvent e) {
        e.dataset = "json";
        e.action = "login";
        e.timestamp = TS;
        e.timeText = "2024-03-12T10:15:32.481Z";
        e.timeNumber = TS;
        e.durationNanos = 41_200_000L;
        e.message = "Payment authorized";
        e.level = Level.ERROR;
        e.levelText = "error";
        e.levelNumber = 50;
        e.logger = "com.acme.orders.api";
        e.thread = "http-nio-8080-exec-7";
        e.serviceName = "orders";
        e.environment = "prod";
        e.hostName = "9c1e0d6f2b7a4e1f8d3c5b6a7e8f9012";
        e.traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        e.spanId = "00f067aa0ba902b7";
        e.userId = "48213";
        e.cloudAccountId = "123456789012";
        e.cloudRegion = "eu-west-1";
        e.containerId = "5e8f-1234567890";
        e.containerName = "orders";
        e.ecsCluster = "prod-cluster";
        e.ecsTaskArn = "arn:aws:ecs:eu-west-1:123456789012:task/prod-cluster/9c1e";
        e.ecsTaskDefinition = "orders-prod:42";
        e.faasName = "orders-api";
        e.ioStream = "stdout";

        LogEvent.Http h = e.http();
        h.method = "POST";
        h.path = "/api/v1/orders";
        h.query = "page=2&token=[REDACTED]";
        h.version = "1.1";
        h.statusCode = 502;
        h.bodyBytes = 512;
        h.sourceIp = "10.0.0.1";
        h.userAgent = "curl/8.4.0";
        h.referrer = "https://shop.example.com/cart";

        LogEvent.ErrorInfo error = e.error();
        error.type = "java.lang.IllegalStateException";
        error.message = "card declined for order 42";
        error.stackTrace = "java.lang.IllegalStateException: card declined\n\tat com.acme.Pay.charge(Pay.java:42)";
        error.fingerprint = "0123456789abcdef";

        LogEvent.LambdaReport l = e.lambda();
        l.requestId = "8f5c1a3e-1b2c-4d5e-9f00-123456789abc";
        l.durationMs = 12.34;
        l.billedDurationMs = 13;
        l.memorySizeMb = 512;
        l.maxMemoryUsedMb = 87;
        l.initDurationMs = 201.5;
        l.status = "error";
        l.platformEvent = "report";

        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("currency", "EUR");
        payment.put("amount", 12.5);
        payment.put("items", List.of(1L, 2L));
        payment.put("captured", Boolean.TRUE);
        payment.put("coupon", null);
        e.attributes().put("payment", payment);
        e.attributes().put("retries", 3L);
        e.tag("truncated");
        e.tag("timestamp_out_of_range");
        return e;
    }

    /** Names of model fields still null, {@link LogEvent#UNSET}, NaN or empty: none for a populated event. */
    static List<String> unsetFields(LogEvent e) {
        List<String> unset = new ArrayList<>();
        collectUnset(e, "", unset);
        collectUnset(e.http, "http.", unset);
        collectUnset(e.error, "error.", unset);
        collectUnset(e.lambda, "lambda.", unset);
        return unset;
    }

    private static void collectUnset(Object target, String prefix, List<String> unset) {
        if (target == null) {
            unset.add(prefix);
            return;
        }
        for (Field f : target.getClass().getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            try {
                Object v = f.get(target);
                boolean missing = v == null
                        || v instanceof Long n && n == LogEvent.UNSET
                        || v instanceof Integer n && n < 0
                        || v instanceof Double d && d.isNaN()
                        || v instanceof java.util.Collection<?> c && c.isEmpty()
                        || v instanceof Map<?, ?> m && m.isEmpty();
                if (missing) {
                    unset.add(prefix + f.getName());
                }
            } catch (IllegalAccessException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }
}
