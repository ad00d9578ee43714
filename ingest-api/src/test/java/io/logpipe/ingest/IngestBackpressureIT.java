package io.logpipe.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.ingest.IngestMain.IngestApi;
import io.logpipe.testkit.faults.TcpProxy;
import io.logpipe.testkit.kafka.KafkaBroker;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Kafka outage: a dedicated broker reached only through a {@link TcpProxy}, which the test cuts (connections
 * reset, then refused) and restores. While it is cut the API answers 503 with Retry-After and never 202; nothing is
 * acknowledged that is not on the topic; once restored it accepts again.
 */
class IngestBackpressureIT {
    private static final String TOPIC = "ingest-outage";
    private static final int MAX_ATTEMPTS = 60;

    @Test
    void should_answer_503_with_retry_after_and_acknowledge_nothing_unpublished_when_the_broker_is_unreachable()
            throws Exception {
        try (TcpProxy proxy = TcpProxy.start();
             KafkaBroker kafka = KafkaBroker.startBehind(proxy, Map.of())) {
            kafka.createTopic(TOPIC, 2);
            IngestConfig config = IngestConfig.defaults().withPort(0).withBootstrapServers(kafka.bootstrapServers())
                    .withTopic(TOPIC).withSendTimeoutMs(2_000);
            Set<String> acknowledged = new HashSet<>();
            List<Http.Response> duringOutage = new ArrayList<>();
            try (IngestApi api = IngestApi.start(config, "127.0.0.1")) {
                URI base = URI.create("http://127.0.0.1:" + api.port() + "/");

                Http.Response before = Http.post(base, "/v1/logs", "application/x-ndjson", "{\"n\":1}\n{\"n\":2}");
                assertThat(before.status()).as(before.body()).isEqualTo(202);
                before.json().path("ids").forEach(id -> acknowledged.add(id.asText()));
                assertThat(Http.get(base, "/health").status()).isEqualTo(200);

                proxy.cut();
                for (int i = 0; i < 3; i++) {
                    duringOutage.add(Http.post(base, "/register_event", "application/json", "{\"event\":\"outage\",\"n\":" + i + "}"));
                }
                duringOutage.add(Http.post(base, "/v1/logs", "application/json", "[{\"n\":10},{\"n\":11},{\"n\":12}]"));
                Http.Response healthDown = Http.get(base, "/health");

                assertThat(duringOutage).allSatisfy(r -> {
                    assertThat(r.status()).as(r.body()).isEqualTo(503);
                    assertThat(r.header("Retry-After")).isEqualTo(String.valueOf(IngestService.RETRY_AFTER_SECONDS));
                    assertThat(r.json().path("reason").asText()).isEqualTo("kafka_unavailable");
                    assertThat(r.json().path("error").asText()).contains("Kafka did not acknowledge");
                    assertThat(r.json().has("ids")).as("no ids for events that were not accepted").isFalse();
                });
                assertThat(healthDown.status()).as(healthDown.body()).isEqualTo(503);
                assertThat(healthDown.json().path("status").asText()).isEqualTo("unavailable");
                assertThat(healthDown.json().at("/kafka/reachable").asBoolean()).isFalse();

                proxy.restore();
                Http.Response after = null;
                for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {     // as a client honouring Retry-After would
                    after = Http.post(base, "/v1/logs", "application/x-ndjson", "{\"n\":20}\n{\"n\":21}");
                    if (after.status() == 202) {
                        break;
                    }
                    assertThat(after.status()).as(after.body()).isEqualTo(503);
                    Thread.sleep(500);
                }
                assertThat(after.status()).as(after.body()).isEqualTo(202);
                after.json().path("ids").forEach(id -> acknowledged.add(id.asText()));
                Http.Response healthUp = null;
                for (int attempt = 1; attempt <= MAX_ATTEMPTS && (healthUp == null || healthUp.status() != 200); attempt++) {
                    healthUp = Http.get(base, "/health");
                }
                assertThat(healthUp.status()).as(healthUp.body()).isEqualTo(200);

                String metrics = Http.get(base, "/metrics").body();
                assertThat(metrics).contains("ingest_http_requests_total{path=\"/register_event\",status=\"503\"} 3")
                        .contains("ingest_http_requests_total{path=\"/v1/logs\",status=\"503\"}")
                        .contains("ingest_http_requests_total{path=\"/health\",status=\"503\"}");
                long unavailable = metrics.lines().filter(l -> l.startsWith("ingest_events_rejected_total{reason=\"kafka_unavailable\"}"))
                        .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
                assertThat(unavailable).isGreaterThanOrEqualTo(6);
            }

            // Every acknowledged event is on the topic. Events answered 503 may be there too (acknowledged by the
            // broker after the request gave up): at least once, the client retries them.
            List<TopicReader.Record> records = TopicReader.readAll(kafka.bootstrapServers(), TOPIC);
            Set<String> onTopic = new HashSet<>();
            for (TopicReader.Record r : records) {
                JsonNode v = r.value();
                onTopic.add(v.path("ingest_id").asText());
            }
            assertThat(onTopic).containsAll(acknowledged);
            assertThat(acknowledged).hasSize(4);
        }
    }
}
