package io.logpipe.processor.sink.opensearch.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.sink.DocumentEncoder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract between the document writer and the index mapping: with {@code dynamic: strict}, a field the
 * writer emits but the template does not map is rejected by OpenSearch and dead-lettered. So every leaf path
 * of fully populated documents, encoded by the production {@link DocumentEncoder}, must be mapped with the
 * type docs/schema.md documents, and the template must map nothing the writer never emits.
 */
class IndexTemplateMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** docs/schema.md's field table; source.ip is {@code ip} with ignore_malformed (see docs/opensearch.md). */
    private static final Map<String, String> SCHEMA = Map.ofEntries(
            entry("@timestamp", "date"),
            entry("message", "text"),
            entry("log.level", "keyword"), entry("log.logger", "keyword"), entry("log.iostream", "keyword"),
            entry("event.id", "keyword"), entry("event.dataset", "keyword"), entry("event.action", "keyword"),
            entry("event.created", "date"), entry("event.duration", "long"),
            entry("service.name", "keyword"), entry("service.environment", "keyword"),
            entry("host.name", "keyword"),
            entry("cloud.provider", "keyword"), entry("cloud.account.id", "keyword"), entry("cloud.region", "keyword"),
            entry("aws.cloudwatch.log_group", "keyword"), entry("aws.cloudwatch.log_stream", "keyword"),
            entry("aws.ecs.cluster", "keyword"), entry("aws.ecs.task_arn", "keyword"),
            entry("aws.ecs.task_definition", "keyword"),
            entry("aws.lambda.request_id", "keyword"), entry("aws.lambda.platform_event", "keyword"),
            entry("aws.lambda.status", "keyword"),
            entry("aws.lambda.duration_ms", "double"), entry("aws.lambda.billed_duration_ms", "double"),
            entry("aws.lambda.init_duration_ms", "double"),
            entry("aws.lambda.memory_size_mb", "long"), entry("aws.lambda.max_memory_used_mb", "long"),
            entry("faas.name", "keyword"),
            entry("container.id", "keyword"), entry("container.name", "keyword"),
            entry("process.thread.name", "keyword"),
            entry("http.request.method", "keyword"), entry("http.request.referrer", "keyword"),
            entry("http.response.status_code", "integer"), entry("http.response.body.bytes", "long"),
            entry("http.version", "keyword"),
            entry("url.path", "keyword"), entry("url.query", "keyword"),
            entry("source.ip", "ip"),
            entry("user_agent.original", "keyword"),
            entry("error.type", "keyword"), entry("error.message", "text"), entry("error.stack_trace", "text"),
            entry("error.fingerprint", "keyword"),
            entry("trace.id", "keyword"), entry("span.id", "keyword"), entry("user.id", "keyword"),
            entry("kafka.topic", "keyword"), entry("kafka.partition", "integer"), entry("kafka.offset", "long"),
            entry("kafka.key", "keyword"),
            entry("tags", "keyword"),
            entry("attributes", "flat_object"));

    private final JsonNode properties = JSON.valueToTree(
            JsonTree.at(IndexResources.indexTemplate(BootstrapOptions.defaults()).tree(), "template", "mappings"))
            .path("properties");

    @Test
    void should_set_every_model_field_when_building_the_contract_events() {
        for (LogEvent e : FullyPopulatedEvents.all()) {
            assertThat(FullyPopulatedEvents.unsetFields(e))
                    .as("set the new LogEvent field in FullyPopulatedEvents, then map it in index-template.json")
                    .isEmpty();
        }
    }

    @Test
    void should_map_every_emitted_path_with_the_schema_type_when_all_fields_are_set() throws Exception {
        Map<String, String> emitted = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        DocumentEncoder encoder = new DocumentEncoder();
        for (LogEvent e : FullyPopulatedEvents.all()) {
            encoder.encode(e);
            walk(JSON.readTree(encoder.text()), "", properties, emitted, problems);
        }
        assertThat(problems).isEmpty();
        assertThat(emitted).isEqualTo(new TreeMap<>(SCHEMA));
    }

    @Test
    void should_map_only_paths_the_writer_emits_when_reading_the_template() {
        Map<String, String> mapped = new TreeMap<>();
        collectMapped(properties, "", mapped);
        assertThat(mapped).isEqualTo(new TreeMap<>(SCHEMA));
    }

    @Test
    void should_be_strict_at_the_top_level_when_rendered() {
        JsonNode mappings = JSON.valueToTree(
                JsonTree.at(IndexResources.indexTemplate(BootstrapOptions.defaults()).tree(), "template", "mappings"));
        assertThat(mappings.path("dynamic").asText()).isEqualTo("strict");
        assertThat(properties.path("attributes").path("type").asText()).isEqualTo("flat_object");
        assertThat(properties.path("source").path("properties").path("ip").path("ignore_malformed").asBoolean()).isTrue();
        assertThat(properties.path("error").path("properties").path("stack_trace").path("index").asBoolean(true)).isFalse();
    }

    @Test
    void should_cap_every_keyword_when_values_could_exceed_the_lucene_term_limit() {
        Map<String, String> mapped = new TreeMap<>();
        collectMapped(properties, "", mapped);
        mapped.forEach((path, type) -> {
            if (type.equals("keyword")) {
                assertThat(mappingAt(path).path("ignore_above").asInt()).as(path).isBetween(1, 8191);
            }
        });
    }

    /** Checks each field of a document object against the mapping properties at the same level. */
    private static void walk(JsonNode doc, String prefix, JsonNode props, Map<String, String> emitted,
                             List<String> problems) {
        doc.properties().forEach(field -> {
            String path = prefix + field.getKey();
            JsonNode mapping = props.get(field.getKey());
            if (mapping == null) {
                problems.add(path + " is emitted but not mapped (strict mode would reject the document)");
                return;
            }
            JsonNode value = field.getValue();
            if (!mapping.has("type")) {
                if (!value.isObject()) {
                    problems.add(path + " is mapped as an object but emitted as " + value.getNodeType());
                } else {
                    walk(value, path + ".", mapping.path("properties"), emitted, problems);
                }
                return;
            }
            String type = mapping.get("type").asText();
            emitted.put(path, type);
            if (type.equals("flat_object")) {
                return;                                      // any JSON under it is fine
            }
            for (JsonNode item : value.isArray() ? value : List.of(value)) {
                if (!fits(type, item)) {
                    problems.add(path + " is mapped as " + type + " but emitted as " + item);
                }
            }
        });
    }

    private static boolean fits(String type, JsonNode value) {
        return switch (type) {
            case "keyword", "text", "ip", "date" -> value.isTextual();
            case "integer" -> value.canConvertToInt() && value.isIntegralNumber();
            case "long" -> value.isIntegralNumber() && value.canConvertToLong();
            case "double" -> value.isNumber();
            default -> false;
        };
    }

    private static void collectMapped(JsonNode props, String prefix, Map<String, String> out) {
        props.properties().forEach(field -> {
            JsonNode mapping = field.getValue();
            if (mapping.has("type")) {
                out.put(prefix + field.getKey(), mapping.get("type").asText());
            } else {
                collectMapped(mapping.path("properties"), prefix + field.getKey() + ".", out);
            }
        });
    }

    private JsonNode mappingAt(String path) {
        JsonNode node = properties;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            node = node.path(parts[i]);
            if (i < parts.length - 1) {
                node = node.path("properties");
            }
        }
        return node;
    }
}
