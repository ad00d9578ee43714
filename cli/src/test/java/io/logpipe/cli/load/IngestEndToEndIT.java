package io.logpipe.cli.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.ingest.IngestConfig;
import io.logpipe.ingest.IngestMain.IngestApi;
import io.logpipe.processor.kafka.MskLambda;
import io.logpipe.testkit.kafka.KafkaBroker;
import io.logpipe.testkit.kafka.KafkaExtension;
import io.logpipe.testkit.kafka.MskEventPoller;
import io.logpipe.testkit.servers.OpenSearchExtension;
import io.logpipe.testkit.servers.OpenSearchServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bursty-source path end to end on real components: the load simulator posts 10,000 events at concurrency 200
 * to the ingestion API, which publishes them to a 6-partition topic on the in-process broker; the MSK event source
 * mapping stand-in drains the topic into the processor's MskHandler, which indexes into a real OpenSearch node.
 * Every accepted id is indexed exactly once. No timing is asserted (see IngestBenchIT for the figures).
 */
@ExtendWith({KafkaExtension.class, OpenSearchExtension.class})
class IngestEndToEndIT {
    private static final int EVENTS = 10_000;

    @Test
    void should_index_every_accepted_event_exactly_once_when_10000_events_are_posted_at_concurrency_200(
            KafkaBroker kafka, OpenSearchServer opensearch) throws Exception {
        String topic = "ingest-e2e";
        String stream = "ingest-e2e-logs";
        kafka.createTopic(topic, 6);
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        LoadReport report;
        try (IngestApi api = IngestApi.start(IngestConfig.defaults().withPort(0)
                .withBootstrapServers(kafka.bootstrapServers()).withTopic(topic), "127.0.0.1")) {
            LoadSimulator load = new LoadSimulator(new LoadOptions(URI.create("http://127.0.0.1:" + api.port()),
                    LoadOptions.Endpoint.REGISTER_EVENT, EVENTS, 200, 1, Duration.ofMinutes(5), Duration.ofSeconds(60)),
                    accepted::add);
            report = load.run();
        }

        assertThat(report.allAccepted()).as(report.toText()).isTrue();
        assertThat(report.requestsByStatus()).isEqualTo(Map.of("202", (long) EVENTS));
        assertThat(accepted).hasSize(EVENTS);

        URI node = opensearch.httpUri();
        MskEventPoller.Stats stats;
        long documents;
        MskLambda.bootstrap(node, stream);
        try (MskLambda lambda = new MskLambda(MskLambda.sinkConfig(node, stream));
             MskEventPoller esm = MskEventPoller.start(MskEventPoller.Options.forTopics(kafka.bootstrapServers(), topic)
                     .withConsumerGroupId("ingest-e2e").withBatchSize(1_000))) {
            stats = esm.drain(lambda, Duration.ofSeconds(2), Duration.ofMinutes(3));
            assertThat(lambda.deadLetters).isEmpty();
            documents = lambda.reported("documents");
        }

        assertThat(stats.failed()).isZero();
        assertThat(stats.recordsCommitted()).isEqualTo(EVENTS);
        assertThat(documents).isEqualTo(EVENTS);
        assertThat(MskLambda.count(node, stream)).isEqualTo(EVENTS);
        List<JsonNode> docs = MskLambda.sources(node, stream, "attributes.ingest_id", "attributes.seq", "event.id",
                "event.action", "user.id", "service.name");
        List<String> ids = docs.stream().map(d -> d.at("/attributes/ingest_id").asText()).toList();
        assertThat(ids).hasSize(EVENTS).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(accepted);
        assertThat(docs.stream().map(d -> d.at("/attributes/seq").asInt()).collect(Collectors.toSet()))
                .isEqualTo(IntStream.range(0, EVENTS).boxed().collect(Collectors.toSet()));
        assertThat(docs.stream().map(d -> d.at("/event/id").asText()).distinct().count())
                .as("one Kafka coordinate per document").isEqualTo(EVENTS);
        JsonNode sample = docs.getFirst();
        assertThat(sample.at("/event/action").asText()).isIn("login", "view_product", "add_to_cart", "checkout", "logout", "search");
        assertThat(sample.at("/user/id").asText()).isNotBlank();
        assertThat(sample.at("/service/name").asText()).isEqualTo("ingest-api");
    }
}
