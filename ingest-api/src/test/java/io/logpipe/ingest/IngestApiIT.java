package io.logpipe.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.ingest.IngestMain.IngestApi;
import io.logpipe.testkit.kafka.KafkaBroker;
import io.logpipe.testkit.kafka.KafkaExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API against a real in-process broker: every status, and the records it acknowledged really on the topic with
 * the stamped fields. Small limits, so the size cases stay small. The outage case is in {@link IngestBackpressureIT}.
 */
@ExtendWith(KafkaExtension.class)
class IngestApiIT {
    private static final String TOPIC = "ingest-api-it";
    private static KafkaBroker kafka;
    private static IngestApi api;
    private static URI base;

    @BeforeAll
    static void start(KafkaBroker broker) throws Exception {
        kafka = broker;
        kafka.createTopic(TOPIC, 3);
        IngestConfig config = IngestConfig.defaults().withPort(0).withBootstrapServers(kafka.bootstrapServers())
                .withTopic(TOPIC).withLimits(4_096, 1_024, 10, 5);
        api = IngestApi.start(config, "127.0.0.1");
        base = URI.create("http://127.0.0.1:" + api.port() + "/");
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static Map<String, JsonNode> onTopicById() {
        return TopicReader.readAll(kafka.bootstrapServers(), TOPIC).stream()
                .collect(Collectors.toMap(r -> r.value().path("ingest_id").asText(), TopicReader.Record::value));
    }

    private static List<String> ids(Http.Response r) {
        List<String> ids = new ArrayList<>();
        r.json().path("ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    @Test
    void should_accept_one_event_and_publish_it_stamped_when_registering_an_event() {
        Http.Response r = Http.post(base, "/register_event", "application/json", "{\"event\":\"login\",\"user_id\":42}");

        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().path("accepted").asInt()).isEqualTo(1);
        List<String> ids = ids(r);
        assertThat(ids).singleElement().satisfies(id -> assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        JsonNode value = onTopicById().get(ids.getFirst());
        assertThat(value).as("the record with the returned id is on the topic").isNotNull();
        assertThat(value.path("event").asText()).isEqualTo("login");
        assertThat(value.path("user_id").asInt()).isEqualTo(42);
        assertThat(value.path("received_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(value.path("service").asText()).isEqualTo("ingest-api");
    }

    @Test
    void should_accept_every_event_with_its_own_id_when_a_batch_is_posted_as_ndjson_or_as_an_array() {
        Http.Response ndjson = Http.post(base, "/v1/logs", "application/x-ndjson",
                "{\"msg\":\"a\",\"service\":\"orders\"}\n\n{\"msg\":\"b\",\"level\":\"warn\"}\r\n{\"msg\":\"c\"}\n");
        Http.Response array = Http.post(base, "/v1/logs", "application/json",
                "[{\"msg\":\"d\"},{\"msg\":\"e\",\"nested\":{\"a\":[1,2]}}]");
        Http.Response sniffed = Http.post(base, "/v1/logs", null, "{\"msg\":\"f\"}\n{\"msg\":\"g\"}");

        assertThat(ndjson.status()).as(ndjson.body()).isEqualTo(202);
        assertThat(ndjson.json().path("accepted").asInt()).isEqualTo(3);
        assertThat(array.status()).as(array.body()).isEqualTo(202);
        assertThat(array.json().path("accepted").asInt()).isEqualTo(2);
        assertThat(sniffed.status()).as(sniffed.body()).isEqualTo(202);
        List<String> all = new ArrayList<>(ids(ndjson));
        all.addAll(ids(array));
        all.addAll(ids(sniffed));
        assertThat(all).hasSize(7).doesNotHaveDuplicates();

        Map<String, JsonNode> onTopic = onTopicById();
        assertThat(onTopic.keySet()).containsAll(all);
        assertThat(ids(ndjson).stream().map(id -> onTopic.get(id).path("msg").asText())).containsExactly("a", "b", "c");
        assertThat(onTopic.get(ids(ndjson).getFirst()).path("service").asText()).as("the client's service is kept")
                .isEqualTo("orders");
        assertThat(onTopic.get(ids(array).get(1)).path("nested").path("a").get(1).asInt()).isEqualTo(2);
        assertThat(ids(ndjson).stream().map(id -> onTopic.get(id).path("received_at").asText()).collect(Collectors.toSet()))
                .as("one receive time per request").hasSize(1);
    }

    @ParameterizedTest(name = "{0} {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "/register_event | application/json     | ~~                                  | empty body",
            "/register_event | application/json     | ~{\"event\":\"login\"~               | invalid JSON",
            "/register_event | application/json     | ~[{\"a\":1}]~                         | expected a JSON object, got an array",
            "/register_event | application/json     | ~{\"a\":1} {\"b\":2}~                 | unexpected content after the JSON object",
            "/register_event | application/json     | ~{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{}}}}}}~ | nesting deeper than MAX_JSON_DEPTH (5)",
            "/v1/logs        | application/x-ndjson | ~{\"a\":1}\n{\"a\":2\n{\"a\":3}~     | line 2: invalid JSON",
            "/v1/logs        | application/x-ndjson | ~{\"a\":1}\n42~                       | line 2: expected a JSON object, got a number",
            "/v1/logs        | application/x-ndjson | ~\n  \n~                             | no events",
            "/v1/logs        | application/json     | ~[{\"a\":1},\"x\"]~                   | event [1]: expected a JSON object, got a string",
            "/v1/logs        | application/json     | ~[{\"a\":1},{\"b\":]~                 | event [1]: invalid JSON",
            "/v1/logs        | application/json     | ~[]~                                  | no events: the array is empty",
            "/v1/logs        | application/json     | ~{\"a\":1}~                           | expected a JSON array of objects, got an object",
            "/v1/logs        | application/json     | ~[{\"a\":1}] x~                       | unexpected content after the JSON array",
    })
    void should_answer_400_with_where_the_problem_is_when_the_input_is_malformed(String path, String type, String body,
                                                                              String expected) {
        Http.Response r = Http.post(base, path, type, body == null ? "" : body.replace("\\n", "\n"));

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().path("reason").asText()).isEqualTo("malformed");
        assertThat(r.json().path("error").asText()).contains(expected);
    }

    @Test
    void should_answer_413_when_the_body_an_event_or_the_batch_is_over_its_limit() {
        String big = "{\"msg\":\"" + "x".repeat(5_000) + "\"}";
        Http.Response declared = Http.post(base, "/register_event", "application/json", big);
        Http.Response chunked = Http.postChunked(base, "/v1/logs", "application/x-ndjson",
                ("{\"msg\":\"" + "y".repeat(500) + "\"}\n").repeat(20).getBytes(StandardCharsets.UTF_8));
        Http.Response event = Http.post(base, "/register_event", "application/json", "{\"msg\":\"" + "z".repeat(1_100) + "\"}");
        Http.Response line = Http.post(base, "/v1/logs", "application/x-ndjson", "{\"a\":1}\n{\"msg\":\"" + "z".repeat(1_100) + "\"}");
        Http.Response element = Http.post(base, "/v1/logs", "application/json", "[{\"a\":1},{\"msg\":\"" + "z".repeat(1_100) + "\"}]");
        Http.Response batch = Http.post(base, "/v1/logs", "application/x-ndjson", "{\"a\":1}\n".repeat(11));
        Http.Response arrayBatch = Http.post(base, "/v1/logs", "application/json",
                "[" + String.join(",", java.util.Collections.nCopies(11, "{\"a\":1}")) + "]");

        assertThat(List.of(declared, chunked, event, line, element, batch, arrayBatch))
                .allSatisfy(r -> {
                    assertThat(r.status()).as(r.body()).isEqualTo(413);
                    assertThat(r.json().path("reason").asText()).isEqualTo("too_large");
                });
        assertThat(declared.json().path("error").asText()).contains("body of " + big.length() + " bytes exceeds MAX_BODY_BYTES (4096)");
        assertThat(chunked.json().path("error").asText()).contains("exceeds MAX_BODY_BYTES (4096)");
        assertThat(event.json().path("error").asText()).contains("exceeds MAX_EVENT_BYTES (1024)");
        assertThat(line.json().path("error").asText()).startsWith("line 2:").contains("MAX_EVENT_BYTES");
        assertThat(element.json().path("error").asText()).startsWith("event [1]:").contains("MAX_EVENT_BYTES");
        assertThat(batch.json().path("error").asText()).contains("MAX_BATCH_EVENTS (10)");
        assertThat(arrayBatch.json().path("error").asText()).contains("MAX_BATCH_EVENTS (10)");
    }

    @Test
    void should_answer_404_405_and_415_when_the_path_method_or_content_type_is_wrong() {
        Http.Response unknown = Http.post(base, "/v2/logs", "application/json", "{}");
        Http.Response getEvent = Http.get(base, "/register_event");
        Http.Response deleteLogs = Http.request(base, "DELETE", "/v1/logs");
        Http.Response postHealth = Http.post(base, "/health", "application/json", "{}");
        Http.Response xml = Http.post(base, "/v1/logs", "application/xml", "<log/>");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).contains("/v2/logs");
        assertThat(getEvent.status()).isEqualTo(405);
        assertThat(getEvent.header("Allow")).isEqualTo("POST");
        assertThat(deleteLogs.status()).isEqualTo(405);
        assertThat(postHealth.status()).isEqualTo(405);
        assertThat(postHealth.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(xml.status()).isEqualTo(415);
        assertThat(xml.json().path("error").asText()).contains("application/x-ndjson");
    }

    @Test
    void should_report_the_cluster_reachable_and_count_requests_and_events_when_asked_for_health_and_metrics() {
        Http.Response health = Http.get(base, "/health");
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("ok");
        assertThat(health.json().at("/kafka/partitions").asInt()).isEqualTo(3);

        long acceptedBefore = api.metrics().acceptedTotal();
        Http.post(base, "/v1/logs", "application/x-ndjson", "{\"a\":1}\n{\"a\":2}");
        Http.post(base, "/register_event", "application/json", "nope");
        Http.Response metrics = Http.get(base, "/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain; version=0.0.4");
        Map<String, Double> samples = new java.util.HashMap<>();
        metrics.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> {
            int space = l.lastIndexOf(' ');
            samples.put(l.substring(0, space), Double.parseDouble(l.substring(space + 1)));
        });
        assertThat(samples.get("ingest_events_accepted_total")).isEqualTo((double) acceptedBefore + 2);
        assertThat(samples.get("ingest_events_rejected_total{reason=\"malformed\"}")).isGreaterThanOrEqualTo(1);
        assertThat(samples.get("ingest_http_requests_total{path=\"/v1/logs\",status=\"202\"}")).isGreaterThanOrEqualTo(1);
        assertThat(samples.get("ingest_http_requests_total{path=\"/register_event\",status=\"400\"}")).isGreaterThanOrEqualTo(1);
        assertThat(samples.get("ingest_http_requests_total{path=\"/health\",status=\"200\"}")).isGreaterThanOrEqualTo(1);
        assertThat(samples.get("ingest_http_requests_in_flight")).as("this /metrics request").isEqualTo(1);
        assertThat(samples.get("ingest_publish_duration_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(samples.get("ingest_publish_duration_seconds_bucket{le=\"+Inf\"}"))
                .isEqualTo(samples.get("ingest_publish_duration_seconds_count"));
    }

    @Test
    void should_give_every_event_a_distinct_id_when_many_requests_arrive_at_once() {
        Set<String> ids = IntStream.range(0, 40).parallel()
                .mapToObj(i -> Http.post(base, "/v1/logs", "application/x-ndjson", "{\"n\":" + i + "}\n{\"n\":" + i + "}"))
                .peek(r -> assertThat(r.status()).as(r.body()).isEqualTo(202))
                .flatMap(r -> ids(r).stream()).collect(Collectors.toCollection(HashSet::new));
        assertThat(ids).hasSize(80);
        assertThat(onTopicById().keySet()).containsAll(ids);
    }
}
