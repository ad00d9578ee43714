package io.logpipe.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.TestPipeline;
import io.logpipe.testkit.fixtures.CloudWatchEvents;
import io.logpipe.testkit.fixtures.MskEvents;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** cloud.account.id and cloud.region. */
class EventEnricherTest {
    private static final String ENVELOPE = "{\"container_id\":\"5b4a3c2d1e0f49a8b7c6d5e4f3a2b1c0-2290113876\","
            + "\"container_name\":\"search\",\"ecs_cluster\":\"apac-apps\","
            + "\"ecs_task_arn\":\"arn:aws:ecs:ap-southeast-2:210987654321:task/apac-apps/5b4a3c2d1e0f49a8b7c6d5e4f3a2b1c0\","
            + "\"ecs_task_definition\":\"search-prod:4\",\"log\":\"index refreshed in 120ms\",\"source\":\"stdout\"}";

    @Test
    void should_take_the_account_from_the_cloudwatch_owner_and_the_region_from_config_when_there_is_no_task_arn() {
        TestPipeline pipeline = TestPipeline.withEnv(Map.of("AWS_REGION", "us-east-1"));

        JsonNode doc = pipeline.cloudWatch(CloudWatchEvents.payload("/app/orders/prod", "i-0a1b2c3d4e5f60718/orders.log")
                .owner("345678901234").event(1710238532000L, "plain line")).single();

        assertThat(doc.at("/cloud/account/id").asText()).isEqualTo("345678901234");
        assertThat(doc.at("/cloud/region").asText()).isEqualTo("us-east-1");
    }

    @Test
    void should_prefer_logpipe_region_over_aws_region_when_both_are_set() {
        TestPipeline pipeline = TestPipeline.withEnv(Map.of("AWS_REGION", "us-east-1", "LOGPIPE_REGION", "eu-central-1"));

        JsonNode doc = pipeline.line("plain line").single();

        assertThat(doc.at("/cloud/region").asText()).isEqualTo("eu-central-1");
    }

    @Test
    void should_take_account_and_region_from_the_task_arn_when_a_kafka_record_carries_a_firelens_envelope() {
        String event = MskEvents.batch().record("ecs-logs", 0, 3, 1710238532000L, null,
                ENVELOPE.getBytes(StandardCharsets.UTF_8), null).toLambdaEvent();

        JsonNode doc = TestPipeline.withEnv(Map.of("AWS_REGION", "us-east-1")).kafka(event).single();

        assertThat(doc.at("/cloud/account/id").asText()).isEqualTo("210987654321");
        assertThat(doc.at("/cloud/region").asText()).isEqualTo("ap-southeast-2");
        assertThat(doc.at("/service/name").asText()).isEqualTo("search");
        assertThat(doc.at("/service/environment").asText()).isEqualTo("prod");
    }

    @Test
    void should_keep_the_owner_account_but_use_the_task_region_when_cloudwatch_delivers_an_envelope() {
        JsonNode doc = TestPipeline.withEnv(Map.of("AWS_REGION", "us-east-1")).cloudWatch(
                CloudWatchEvents.payload("/ecs/search", "firelens/search").owner("210987654321")
                        .event(1710238532000L, ENVELOPE)).single();

        assertThat(doc.at("/cloud/account/id").asText()).isEqualTo("210987654321");
        assertThat(doc.at("/cloud/region").asText()).isEqualTo("ap-southeast-2");
    }

    @Test
    void should_omit_account_and_region_when_nothing_provides_them() {
        String event = MskEvents.batch().record("text-logs", 0, 1, 1710238532000L, null,
                "plain line".getBytes(StandardCharsets.UTF_8), null).toLambdaEvent();

        JsonNode doc = new TestPipeline().kafka(event).single();

        assertThat(doc.at("/cloud/provider").asText()).isEqualTo("aws");
        assertThat(doc.at("/cloud").has("account")).isFalse();
        assertThat(doc.at("/cloud").has("region")).isFalse();
    }

    @Test
    void should_take_each_events_own_region_and_account_when_task_arns_alternate_beyond_the_kept_splits() {
        // More distinct ARNs than the enricher keeps splits of, in an order that revisits kept and evicted ones,
        // each event holding its own copy of the ARN (as parsed records do).
        EventEnricher enricher = new EventEnricher(
                io.logpipe.processor.config.PipelineConfig.fromEnv(Map.of("AWS_REGION", "us-east-1")));
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int i = 0; i < 500; i++) {
            int task = random.nextInt(12);
            String region = task % 4 == 3 ? "" : "eu-west-" + task;
            io.logpipe.processor.model.LogEvent e = new io.logpipe.processor.model.LogEvent(
                    new io.logpipe.processor.model.RawLogRecord("id", 0L, "m",
                            io.logpipe.processor.model.SourceContext.cloudWatch(null, "/ecs/x", "s")));
            e.ecsTaskArn = new String("arn:aws:ecs:" + region + ":" + (100000000000L + task) + ":task/c/" + task);

            enricher.enrich(e);

            assertThat(e.cloudRegion).as("task %d", task).isEqualTo(region.isEmpty() ? "us-east-1" : region);
            assertThat(e.cloudAccountId).as("task %d", task).isEqualTo(String.valueOf(100000000000L + task));
        }
    }

    @Test
    void should_name_the_function_of_each_events_own_log_group_when_lambda_and_other_groups_alternate() {
        EventEnricher enricher = new EventEnricher(io.logpipe.processor.config.PipelineConfig.defaults());
        String[] groups = {"/aws/lambda/checkout", "/app/orders/prod", null, "/aws/lambda/", "/aws/lambda/refunds-prod"};
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        for (int i = 0; i < 300; i++) {
            String pick = groups[random.nextInt(groups.length)];
            String group = pick != null && random.nextBoolean() ? new String(pick) : pick;
            io.logpipe.processor.model.LogEvent e = new io.logpipe.processor.model.LogEvent(
                    new io.logpipe.processor.model.RawLogRecord("id", 0L, "m",
                            io.logpipe.processor.model.SourceContext.cloudWatch("1", group, "i-0a1b2c3d4e5f60718/x")));

            enricher.enrich(e);

            assertThat(e.faasName).as(group).isEqualTo(
                    group != null && group.startsWith("/aws/lambda/") ? group.substring("/aws/lambda/".length()) : null);
            assertThat(e.hostName).isEqualTo("i-0a1b2c3d4e5f60718");
        }
    }
}
