package io.logpipe.topics;

import io.logpipe.testkit.kafka.KafkaBroker;
import io.logpipe.testkit.kafka.KafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The topic custom resource's handler against a real (in-process KRaft) broker, events as the Provider sends them. */
@ExtendWith(KafkaExtension.class)
class TopicHandlerIT {

    private static TopicHandler handler(KafkaBroker kafka) {
        return new TopicHandler(new TopicProvisioner(Map.of(), arn -> {
            assertThat(arn).isEqualTo("arn:aws:kafka:eu-west-1:123456789012:cluster/logpipe-dev/abc-1");
            return kafka.bootstrapServers();
        }));
    }

    private static String invoke(KafkaBroker kafka, String requestType, String topic, String partitions) throws Exception {
        String event = """
                {"RequestType":"%s","PhysicalResourceId":"logpipe-topic-%s","ResourceProperties":{
                  "ServiceToken":"arn:aws:lambda:eu-west-1:123456789012:function:provider",
                  "ClusterArn":"arn:aws:kafka:eu-west-1:123456789012:cluster/logpipe-dev/abc-1",
                  "Topic":"%s","Partitions":"%s"}}
                """.formatted(requestType, topic, topic, partitions);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler(kafka).handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The topic's partition count once the broker's metadata shows {@code expected}, or the last count read after
     * five seconds: metadata reaches the broker shortly after a creation or a growth, so an early read may miss the
     * topic or show the old count.
     */
    private static int partitions(KafkaBroker kafka, String topic, int expected) throws Exception {
        int count = -1;
        for (int attempt = 1; attempt <= 50 && count != expected; attempt++) {
            if (attempt > 1) {
                Thread.sleep(100);
            }
            try {
                count = kafka.admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return count;
    }

    @Test
    void createMakesTheTopicAndAnswersWithTheBootstrapServers(KafkaBroker kafka) throws Exception {
        String out = invoke(kafka, "Create", "cr-app-logs", "3");
        assertThat(out).contains("\"PhysicalResourceId\":\"logpipe-topic-cr-app-logs\"")
                .contains("\"Partitions\":\"3\"")
                .contains("\"BootstrapServers\":\"" + kafka.bootstrapServers() + "\"");
        assertThat(partitions(kafka, "cr-app-logs", 3)).isEqualTo(3);
    }

    @Test
    void updateIsIdempotentAndOnlyEverAddsPartitions(KafkaBroker kafka) throws Exception {
        invoke(kafka, "Create", "cr-grow", "2");
        assertThat(invoke(kafka, "Update", "cr-grow", "2")).contains("\"Partitions\":\"2\"");
        assertThat(invoke(kafka, "Update", "cr-grow", "4")).contains("\"Partitions\":\"4\"");
        assertThat(partitions(kafka, "cr-grow", 4)).isEqualTo(4);
        // Kafka cannot remove partitions: asking for fewer keeps what is there and says so.
        assertThat(invoke(kafka, "Update", "cr-grow", "1")).contains("\"Partitions\":\"4\"");
    }

    @Test
    void anUpdateRightAfterAGrowthAnswersWithTheGrownCount(KafkaBroker kafka) throws Exception {
        invoke(kafka, "Create", "cr-race", "2");
        kafka.admin().createPartitions(Map.of("cr-race", org.apache.kafka.clients.admin.NewPartitions.increaseTo(4)))
                .all().get();
        // The handler's first read may still show 2 partitions; asking for 4 then must not fail on "already has 4".
        assertThat(invoke(kafka, "Update", "cr-race", "4")).contains("\"Partitions\":\"4\"");
    }

    @Test
    void anExistingTopicCountsAsCreated(KafkaBroker kafka) throws Exception {
        kafka.createTopic("cr-existing", 2);
        assertThat(invoke(kafka, "Create", "cr-existing", "2")).contains("\"Partitions\":\"2\"");
    }

    @Test
    void deleteKeepsTheTopic(KafkaBroker kafka) throws Exception {
        invoke(kafka, "Create", "cr-kept", "1");
        assertThat(invoke(kafka, "Delete", "cr-kept", "1")).contains("\"PhysicalResourceId\":\"logpipe-topic-cr-kept\"");
        assertThat(partitions(kafka, "cr-kept", 1)).isEqualTo(1);
    }

    @Test
    void badPropertiesFailWithTheirName(KafkaBroker kafka) {
        assertThatThrownBy(() -> invoke(kafka, "Create", "bad topic", "1")).hasMessageContaining("Topic must be a Kafka topic name");
        assertThatThrownBy(() -> invoke(kafka, "Create", "cr-x", "many")).hasMessageContaining("Partitions must be an integer");
        assertThatThrownBy(() -> invoke(kafka, "Create", "cr-x", "0")).hasMessageContaining("Partitions must be 1..1000");
        assertThatThrownBy(() -> invoke(kafka, "Upsert", "cr-x", "1")).hasMessageContaining("unknown RequestType");
    }
}
