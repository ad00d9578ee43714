package io.logpipe.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logpipe.processor.testing.TestPipeline;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * service.name / service.environment / host.name precedence: the record's own fields, then the ECS task
 * definition family, then the container name, then the log group's naming, then the configured defaults.
 */
class ServiceResolverTest {
    private static final String TASK_ARN = "arn:aws:ecs:us-east-1:123456789012:task/prod-apps/9d8c7b6a5f4e43d2c1b0a9f8e7d6c5b4";
    private final TestPipeline pipeline = new TestPipeline();

    private static String envelope(String log, String containerName, String taskDefinition) {
        ObjectNode json = TestPipeline.JSON.createObjectNode();
        json.put("container_id", "9d8c7b6a5f4e43d2c1b0a9f8e7d6c5b4-1795442019");
        if (containerName != null) {
            json.put("container_name", containerName);
        }
        json.put("ecs_cluster", "prod-apps");
        json.put("ecs_task_arn", TASK_ARN);
        if (taskDefinition != null) {
            json.put("ecs_task_definition", taskDefinition);
        }
        json.put("log", log);
        json.put("source", "stdout");
        return json.toString();
    }

    private JsonNode single(String logGroup, String message) {
        return pipeline.lines(logGroup, message).single();
    }

    @Test
    void should_prefer_the_records_own_service_and_environment_when_ecs_and_log_group_name_others() {
        JsonNode doc = single("/ecs/orders", envelope(
                "{\"level\":\"info\",\"message\":\"m\",\"service\":\"checkout\",\"env\":\"staging\",\"host\":\"web-7\"}",
                "orders", "orders-prod:12"));

        assertThat(doc.at("/service/name").asText()).isEqualTo("checkout");
        assertThat(doc.at("/service/environment").asText()).isEqualTo("staging");
        assertThat(doc.at("/host/name").asText()).isEqualTo("web-7");
    }

    @Test
    void should_keep_a_record_service_verbatim_when_it_contains_an_environment_token() {
        JsonNode doc = single("/custom/app", "{\"message\":\"m\",\"service\":\"orders-prod\"}");

        assertThat(doc.at("/service/name").asText()).isEqualTo("orders-prod");
        assertThat(doc.at("/service/environment").asText()).isEqualTo("unknown");
    }

    @Test
    void should_fill_only_the_missing_environment_from_the_task_family_when_the_record_names_the_service() {
        JsonNode doc = single("/ecs/orders", envelope("{\"message\":\"m\",\"service\":\"checkout\"}", "orders", "orders-prod:12"));

        assertThat(doc.at("/service/name").asText()).isEqualTo("checkout");
        assertThat(doc.at("/service/environment").asText()).isEqualTo("prod");
    }

    @ParameterizedTest
    @CsvSource({
        "orders-prod:12, orders, prod",
        "orders-prod-worker:3, orders, prod",
        "payments_staging:7, payments, staging",
        "arn:aws:ecs:us-east-1:123456789012:task-definition/inventory-dev:41, inventory, dev"})
    void should_split_the_task_family_into_service_and_environment_when_the_record_names_neither(
            String taskDefinition, String service, String environment) {
        JsonNode doc = single("/ecs/firelens/shared", envelope("plain line", "web", taskDefinition));

        assertThat(doc.at("/service/name").asText()).isEqualTo(service);
        assertThat(doc.at("/service/environment").asText()).isEqualTo(environment);
    }

    @Test
    void should_prefer_the_task_family_over_the_container_name_when_both_exist() {
        JsonNode doc = single("/ecs/orders", envelope("plain line", "nginx", "orders-prod:12"));

        assertThat(doc.at("/service/name").asText()).isEqualTo("orders");
        assertThat(doc.at("/container/name").asText()).isEqualTo("nginx");
    }

    @Test
    void should_use_the_container_name_when_there_is_no_task_definition() {
        JsonNode doc = single("/ecs/shared", envelope("plain line", "inventory-dev-worker", null));

        assertThat(doc.at("/service/name").asText()).isEqualTo("inventory");
        assertThat(doc.at("/service/environment").asText()).isEqualTo("dev");
    }

    @Test
    void should_take_the_environment_from_the_log_group_when_the_task_family_has_none() {
        JsonNode doc = single("/app/other/qa", envelope("plain line", "web", "search:3"));

        assertThat(doc.at("/service/name").asText()).isEqualTo("search");
        assertThat(doc.at("/service/environment").asText()).isEqualTo("qa");
    }

    @ParameterizedTest
    @CsvSource({
        "/ecs/billing, billing, unknown",
        "/ecs/billing-prod, billing, prod",
        "/ecs/firelens/billing, billing, unknown",
        "/aws/ecs/containerinsights/billing, billing, unknown",
        "/aws/lambda/notifications, notifications, unknown",
        "/aws/lambda/orders-prod-handler, orders, prod",
        "/app/search/staging, search, staging",
        "/var/log/nginx/access-prod, nginx, prod",
        "/var/log/nginx/error.log, nginx, unknown",
        "/custom/app, unknown, unknown",
        "/custom/payments-dev, unknown, dev"})
    void should_derive_service_and_environment_from_the_log_group_when_nothing_else_names_them(
            String logGroup, String service, String environment) {
        JsonNode doc = single(logGroup, "plain line");

        assertThat(doc.at("/service/name").asText()).isEqualTo(service);
        assertThat(doc.at("/service/environment").asText()).isEqualTo(environment);
    }

    @Test
    void should_set_faas_name_to_the_function_when_the_log_group_is_a_lambda_group() {
        JsonNode doc = single("/aws/lambda/orders-prod-handler", "START RequestId: 6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d Version: $LATEST");

        assertThat(doc.at("/faas/name").asText()).isEqualTo("orders-prod-handler");
    }

    @Test
    void should_use_the_configured_defaults_when_nothing_names_the_service() {
        TestPipeline configured = TestPipeline.withEnv(Map.of("LOGPIPE_DEFAULT_SERVICE", "platform",
                "LOGPIPE_DEFAULT_ENVIRONMENT", "shared"));

        JsonNode doc = configured.lines("/custom/app", "plain line").single();

        assertThat(doc.at("/service/name").asText()).isEqualTo("platform");
        assertThat(doc.at("/service/environment").asText()).isEqualTo("shared");
    }

    @Test
    void should_apply_configured_log_group_patterns_instead_of_the_defaults_when_they_are_set() {
        TestPipeline configured = TestPipeline.withEnv(Map.of("LOGPIPE_LOG_GROUP_PATTERNS",
                "^/teams/(?<env>[^/]+)/(?<service>[^/]+)$ ;; ^/platform/(?<service>[^/]+)/.*$"));

        JsonNode teams = configured.lines("/teams/qa/search", "plain line").single();
        JsonNode platform = configured.lines("/platform/gateway/access", "plain line").single();
        JsonNode ecs = configured.lines("/ecs/orders", "plain line").single();

        assertThat(teams.at("/service/name").asText()).isEqualTo("search");
        assertThat(teams.at("/service/environment").asText()).isEqualTo("qa");
        assertThat(platform.at("/service/name").asText()).isEqualTo("gateway");
        assertThat(ecs.at("/service/name").asText()).isEqualTo("unknown");
    }

    @Test
    void should_recognise_configured_environment_names_when_splitting_names() {
        TestPipeline configured = TestPipeline.withEnv(Map.of("LOGPIPE_ENVIRONMENT_NAMES", "live,preprod"));

        JsonNode doc = configured.lines("/ecs/orders-live", "plain line").single();

        assertThat(doc.at("/service/name").asText()).isEqualTo("orders");
        assertThat(doc.at("/service/environment").asText()).isEqualTo("live");
    }

    @Test
    void should_name_the_host_after_the_ecs_task_or_the_ec2_instance_when_the_record_has_no_host() {
        JsonNode ecs = single("/ecs/orders", envelope("plain line", "orders", "orders-prod:12"));
        JsonNode ec2 = pipeline.lines("/app/orders/prod", "i-0a1b2c3d4e5f60718/orders.log",
                java.util.List.of("plain line")).single();
        JsonNode lambda = single("/aws/lambda/orders-prod-handler", "plain line");

        assertThat(ecs.at("/host/name").asText()).isEqualTo("9d8c7b6a5f4e43d2c1b0a9f8e7d6c5b4");
        assertThat(ec2.at("/host/name").asText()).isEqualTo("i-0a1b2c3d4e5f60718");
        assertThat(lambda.has("host")).isFalse();
    }

    @Test
    void should_name_each_event_as_if_alone_when_consecutive_task_definitions_differ_only_in_places() {
        // The resolver reuses the last naming for another revision of the same family; names where the part
        // before the last ':' is not the family (a '/' next to it, no revision) must not be mistaken for one.
        java.util.List<String> definitions = java.util.List.of("orders-prod:12", "orders-prod:13", "orders-prod:13",
                "orders-staging:13", "arn:aws:ecs:us-east-1:1:task-definition/orders-prod:4",
                "arn:aws:ecs:us-east-1:1:task-definition/orders-dev:4", "arn:aws:ecs:us-east-1:1:task-definition/x:4",
                "arn:aws:ecs:us-east-1:1:task-definition/x:4/payments-dev", "arn:aws:ecs:us-east-1:1:task-definition/x:4/billing-qa",
                "arn:aws:ecs:us-east-1:1:task-definition/:4", "arn:aws:ecs:us-east-1:1:task-definition/:5",
                "search-dev", "search-dev:", "search-qa:", ":4", ":5", "a/:4", "a/:5", "inventory-dev:41", "inventory-dev:41");
        java.util.List<String> lines = definitions.stream().map(d -> envelope("plain line", "web", d)).toList();

        java.util.List<JsonNode> together = pipeline.lines("/ecs/firelens/shared", "stream", lines).documents();

        assertThat(together).hasSize(definitions.size());
        for (int i = 0; i < definitions.size(); i++) {
            JsonNode alone = new io.logpipe.processor.testing.TestPipeline()
                    .lines("/ecs/firelens/shared", envelope("plain line", "web", definitions.get(i))).single();
            assertThat(together.get(i).get("service")).as(definitions.get(i)).isEqualTo(alone.get("service"));
        }
        assertThat(together.get(1).at("/service/name").asText()).isEqualTo("orders");
        assertThat(together.get(3).at("/service/environment").asText()).isEqualTo("staging");
        assertThat(together.get(8).at("/service/name").asText()).isEqualTo("billing");
    }

    @Test
    void should_name_each_host_after_its_own_task_when_consecutive_events_come_from_different_tasks() {
        // The resolver keeps the task id of the last ARN; a new ARN must give its own id.
        java.util.List<String> arns = java.util.List.of(TASK_ARN, TASK_ARN, TASK_ARN.replace("9d8c", "1111"), TASK_ARN,
                "arn:aws:ecs:us-east-1:123456789012:task/other");
        java.util.List<String> lines = arns.stream()
                .map(arn -> envelope("plain line", "web", "orders-prod:1").replace(TASK_ARN, arn)).toList();

        java.util.List<JsonNode> docs = pipeline.lines("/ecs/orders", "stream", lines).documents();

        assertThat(docs).extracting(doc -> doc.at("/host/name").asText()).containsExactly(
                "9d8c7b6a5f4e43d2c1b0a9f8e7d6c5b4", "9d8c7b6a5f4e43d2c1b0a9f8e7d6c5b4",
                "11117b6a5f4e43d2c1b0a9f8e7d6c5b4", "9d8c7b6a5f4e43d2c1b0a9f8e7d6c5b4", "other");
    }
}
