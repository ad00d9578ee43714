package io.logpipe.processor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The serialisation contract per source kind: exactly which top-level keys a representative document has, and
 * the names and JSON types of its nested fields (not whole-document snapshots, so values may evolve).
 */
class DocumentContractTest {
    private final TestPipeline pipeline = new TestPipeline();

    /** Every leaf as "path -> JSON type", e.g. {@code "log.level" -> "string"}; arrays count as leaves. */
    private static Map<String, String> shape(JsonNode doc) {
        Map<String, String> out = new TreeMap<>();
        walk("", doc, out);
        return out;
    }

    private static void walk(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.properties().forEach(field ->
                    walk(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out));
        } else {
            out.put(prefix, type(node));
        }
    }

    private static String type(JsonNode node) {
        if (node.isTextual()) {
            return "string";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return node.isArray() ? "array" : node.getNodeType().name().toLowerCase();
    }

    private static List<String> topLevelKeys(JsonNode doc) {
        List<String> keys = new ArrayList<>();
        doc.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void should_match_the_contract_when_a_cloudwatch_app_json_event_is_serialised() {
        JsonNode doc = pipeline.cloudWatch(Fixtures.cloudWatchEvent("cloudwatch/orders-ecs-payload.json")).document(0);

        assertThat(topLevelKeys(doc)).containsExactly(
                "@timestamp", "message", "log", "event", "service", "cloud", "aws", "process", "attributes");
        assertThat(shape(doc)).containsExactlyEntriesOf(new TreeMap<>(Map.ofEntries(
                Map.entry("@timestamp", "string"),
                Map.entry("message", "string"),
                Map.entry("log.level", "string"),
                Map.entry("log.logger", "string"),
                Map.entry("event.id", "string"),
                Map.entry("event.dataset", "string"),
                Map.entry("event.created", "string"),
                Map.entry("service.name", "string"),
                Map.entry("service.environment", "string"),
                Map.entry("cloud.provider", "string"),
                Map.entry("cloud.account.id", "string"),
                Map.entry("aws.cloudwatch.log_group", "string"),
                Map.entry("aws.cloudwatch.log_stream", "string"),
                Map.entry("process.thread.name", "string"),
                Map.entry("attributes.orderId", "integer"))));
    }

    @Test
    void should_match_the_contract_when_a_firelens_envelope_is_serialised() {
        JsonNode doc = pipeline.cloudWatch(Fixtures.cloudWatchEvent("firelens/orders-task.json")).document(0);

        assertThat(topLevelKeys(doc)).containsExactly(
                "@timestamp", "message", "log", "event", "service", "host", "cloud", "aws", "container", "attributes");
        assertThat(shape(doc)).containsExactlyEntriesOf(new TreeMap<>(Map.ofEntries(
                Map.entry("@timestamp", "string"),
                Map.entry("message", "string"),
                Map.entry("log.level", "string"),
                Map.entry("log.logger", "string"),
                Map.entry("log.iostream", "string"),
                Map.entry("event.id", "string"),
                Map.entry("event.dataset", "string"),
                Map.entry("event.created", "string"),
                Map.entry("service.name", "string"),
                Map.entry("service.environment", "string"),
                Map.entry("host.name", "string"),
                Map.entry("cloud.provider", "string"),
                Map.entry("cloud.account.id", "string"),
                Map.entry("cloud.region", "string"),
                Map.entry("aws.cloudwatch.log_group", "string"),
                Map.entry("aws.cloudwatch.log_stream", "string"),
                Map.entry("aws.ecs.cluster", "string"),
                Map.entry("aws.ecs.task_arn", "string"),
                Map.entry("aws.ecs.task_definition", "string"),
                Map.entry("container.id", "string"),
                Map.entry("container.name", "string"),
                Map.entry("attributes.orderId", "integer"))));
    }

    @Test
    void should_match_the_contract_when_a_lambda_report_is_serialised() {
        JsonNode doc = pipeline.cloudWatch(Fixtures.cloudWatchEvent("lambda/node-invocation.json")).document(6);

        assertThat(topLevelKeys(doc)).containsExactly(
                "@timestamp", "message", "log", "event", "service", "cloud", "aws", "faas", "trace");
        assertThat(shape(doc)).containsExactlyEntriesOf(new TreeMap<>(Map.ofEntries(
                Map.entry("@timestamp", "string"),
                Map.entry("message", "string"),
                Map.entry("log.level", "string"),
                Map.entry("event.id", "string"),
                Map.entry("event.dataset", "string"),
                Map.entry("event.created", "string"),
                Map.entry("service.name", "string"),
                Map.entry("service.environment", "string"),
                Map.entry("cloud.provider", "string"),
                Map.entry("cloud.account.id", "string"),
                Map.entry("aws.cloudwatch.log_group", "string"),
                Map.entry("aws.cloudwatch.log_stream", "string"),
                Map.entry("aws.lambda.request_id", "string"),
                Map.entry("aws.lambda.platform_event", "string"),
                Map.entry("aws.lambda.status", "string"),
                Map.entry("aws.lambda.duration_ms", "number"),
                Map.entry("aws.lambda.billed_duration_ms", "number"),
                Map.entry("aws.lambda.memory_size_mb", "integer"),
                Map.entry("aws.lambda.max_memory_used_mb", "integer"),
                Map.entry("aws.lambda.init_duration_ms", "number"),
                Map.entry("faas.name", "string"),
                Map.entry("trace.id", "string"))));
    }

    @Test
    void should_match_the_contract_when_an_access_log_line_is_serialised() {
        JsonNode doc = pipeline.lines("/var/log/nginx/access-prod", "i-0f9e8d7c6b5a49382",
                Fixtures.lines("nginx/access.txt")).document(1);

        assertThat(topLevelKeys(doc)).containsExactly(
                "@timestamp", "message", "log", "event", "service", "host", "cloud", "aws", "http", "url", "source",
                "user_agent", "user");
        assertThat(shape(doc)).containsExactlyEntriesOf(new TreeMap<>(Map.ofEntries(
                Map.entry("@timestamp", "string"),
                Map.entry("message", "string"),
                Map.entry("log.level", "string"),
                Map.entry("event.id", "string"),
                Map.entry("event.dataset", "string"),
                Map.entry("event.created", "string"),
                Map.entry("event.duration", "integer"),
                Map.entry("service.name", "string"),
                Map.entry("service.environment", "string"),
                Map.entry("host.name", "string"),
                Map.entry("cloud.provider", "string"),
                Map.entry("cloud.account.id", "string"),
                Map.entry("aws.cloudwatch.log_group", "string"),
                Map.entry("aws.cloudwatch.log_stream", "string"),
                Map.entry("http.request.method", "string"),
                Map.entry("http.response.status_code", "integer"),
                Map.entry("http.response.body.bytes", "integer"),
                Map.entry("http.version", "string"),
                Map.entry("url.path", "string"),
                Map.entry("source.ip", "string"),
                Map.entry("user_agent.original", "string"),
                Map.entry("user.id", "string"))));
    }

    @Test
    void should_match_the_contract_when_a_kafka_record_is_serialised() {
        JsonNode doc = pipeline.kafka(Fixtures.text("msk/app-logs-batch.json")).document(0);

        assertThat(topLevelKeys(doc)).containsExactly(
                "@timestamp", "message", "log", "event", "service", "cloud", "trace", "kafka", "attributes");
        assertThat(shape(doc)).containsExactlyEntriesOf(new TreeMap<>(Map.ofEntries(
                Map.entry("@timestamp", "string"),
                Map.entry("message", "string"),
                Map.entry("log.level", "string"),
                Map.entry("log.logger", "string"),
                Map.entry("event.id", "string"),
                Map.entry("event.dataset", "string"),
                Map.entry("event.created", "string"),
                Map.entry("service.name", "string"),
                Map.entry("service.environment", "string"),
                Map.entry("cloud.provider", "string"),
                Map.entry("trace.id", "string"),
                Map.entry("kafka.topic", "string"),
                Map.entry("kafka.partition", "integer"),
                Map.entry("kafka.offset", "integer"),
                Map.entry("kafka.key", "string"),
                Map.entry("attributes.kafka_headers.traceparent", "string"),
                Map.entry("attributes.kafka_headers.content-type", "string"),
                Map.entry("attributes.kafka_headers.origin", "string"))));
    }

    @Test
    void should_match_the_contract_when_a_joined_stack_trace_is_serialised() {
        JsonNode doc = pipeline.lines("/app/orders/prod", "i-0a1b2c3d4e5f60718/orders.log",
                Fixtures.lines("app/java-stacktrace-split.txt")).document(1);

        assertThat(topLevelKeys(doc)).containsExactly(
                "@timestamp", "message", "log", "event", "service", "host", "cloud", "aws", "process", "error");
        assertThat(shape(doc)).containsEntry("error.type", "string").containsEntry("error.message", "string")
                .containsEntry("error.stack_trace", "string").containsEntry("error.fingerprint", "string")
                .containsEntry("log.logger", "string").containsEntry("process.thread.name", "string");
    }

    @Test
    void should_write_tags_as_an_array_of_strings_when_the_cleaner_flags_an_event() {
        JsonNode doc = pipeline.line("3000-01-01T00:00:00Z INFO scheduled job far in the future").single();

        assertThat(topLevelKeys(doc)).contains("tags").doesNotContain("attributes", "error", "http", "kafka");
        assertThat(doc.at("/tags").isArray()).isTrue();
        assertThat(doc.at("/tags/0").asText()).isEqualTo("timestamp_out_of_range");
    }
}
