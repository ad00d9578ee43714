package io.logpipe.processor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** FireLens (Fluent Bit) envelopes: ECS metadata from the envelope, the app's own line parsed from {@code log}. */
class FireLensEnvelopeParseTest {
    private static final String TASK_ARN =
            "arn:aws:ecs:eu-west-1:123456789012:task/prod-apps/0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static TestPipeline.Run run;

    @BeforeAll
    static void runFixture() {
        run = new TestPipeline().cloudWatch(Fixtures.cloudWatchEvent("firelens/orders-task.json"));
    }

    @Test
    void should_copy_ecs_metadata_into_every_document_when_messages_are_envelopes() {
        assertThat(run.deadLetters()).isEmpty();
        assertThat(run.documents()).hasSize(4).allSatisfy(doc -> {
            assertThat(doc.at("/container/id").asText()).isEqualTo("0f1e2d3c4b5a69788796a5b4c3d2e1f0-3288240519");
            assertThat(doc.at("/aws/ecs/cluster").asText()).isEqualTo("prod-apps");
            assertThat(doc.at("/aws/ecs/task_arn").asText()).isEqualTo(TASK_ARN);
            assertThat(doc.at("/aws/ecs/task_definition").asText()).isEqualTo("orders-prod:12");
            assertThat(doc.at("/cloud/region").asText()).isEqualTo("eu-west-1");
            assertThat(doc.at("/cloud/account/id").asText()).isEqualTo("123456789012");
            assertThat(doc.at("/host/name").asText()).isEqualTo("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
            assertThat(doc.at("/attributes").has("log")).isFalse();
            assertThat(doc.at("/attributes").has("source")).isFalse();
            assertThat(doc.at("/attributes").has("ecs_task_arn")).isFalse();
        });
    }

    @Test
    void should_parse_the_inner_json_line_when_the_container_logs_json() {
        JsonNode doc = run.document(0);

        assertThat(doc.at("/message").asText()).isEqualTo("Order 88231 created");
        assertThat(doc.at("/event/dataset").asText()).isEqualTo("json");
        assertThat(doc.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(doc.at("/log/logger").asText()).isEqualTo("com.acme.orders.OrderService");
        assertThat(doc.at("/log/iostream").asText()).isEqualTo("stdout");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.101Z");
        assertThat(doc.at("/attributes/orderId").asInt()).isEqualTo(88231);
        assertThat(doc.at("/container/name").asText()).isEqualTo("orders");
        assertThat(doc.at("/service/name").asText()).isEqualTo("orders");
        assertThat(doc.at("/service/environment").asText()).isEqualTo("prod");
    }

    @Test
    void should_parse_the_inner_logfmt_line_and_stream_when_the_container_wrote_to_stderr() {
        JsonNode doc = run.document(1);

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("logfmt");
        assertThat(doc.at("/message").asText()).isEqualTo("Inventory reservation failed");
        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/log/iostream").asText()).isEqualTo("stderr");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo("2024-03-12T10:15:32.140Z");
        assertThat(doc.at("/attributes/sku").asText()).isEqualTo("A-1001");
    }

    @Test
    void should_keep_plain_text_and_strip_the_docker_slash_when_the_container_name_has_one() {
        JsonNode doc = run.document(2);

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("text");
        assertThat(doc.at("/message").asText()).isEqualTo("Started OrdersApplication in 4.212 seconds (process running for 4.9)");
        assertThat(doc.at("/container/name").asText()).isEqualTo("ecs-orders-prod-12-orders-e2f1a4b6c8d0");
    }

    @Test
    void should_parse_the_inner_access_log_when_the_container_is_nginx() {
        JsonNode doc = run.document(3);

        assertThat(doc.at("/event/dataset").asText()).isEqualTo("http.access");
        assertThat(doc.at("/container/name").asText()).isEqualTo("nginx");
        assertThat(doc.at("/http/request/method").asText()).isEqualTo("GET");
        assertThat(doc.at("/url/path").asText()).isEqualTo("/api/v1/orders/88231");
        assertThat(doc.at("/url/query").asText()).isEqualTo("expand=items");
        assertThat(doc.at("/http/response/status_code").asInt()).isEqualTo(200);
        assertThat(doc.at("/user_agent/original").asText()).isEqualTo("ELB-HealthChecker/2.0");
        // the task definition names the service, not the container
        assertThat(doc.at("/service/name").asText()).isEqualTo("orders");
    }

    @Test
    void should_keep_an_apps_own_source_field_when_it_is_not_a_stream_name() {
        JsonNode doc = new TestPipeline().line("{\"level\":\"info\",\"message\":\"imported\",\"source\":\"s3://acme-imports/2024-03-12.csv\"}")
                .single();

        assertThat(doc.at("/attributes/source").asText()).isEqualTo("s3://acme-imports/2024-03-12.csv");
        assertThat(doc.at("/message").asText()).isEqualTo("imported");
        assertThat(doc.has("log") && doc.at("/log").has("iostream")).isFalse();
    }

    @Test
    void should_strip_ansi_escapes_and_control_characters_when_the_container_line_has_them() {
        String envelope = "{\"container_id\":\"0f1e2d3c4b5a69788796a5b4c3d2e1f0-3288240519\",\"container_name\":\"orders\","
                + "\"ecs_task_definition\":\"orders-prod:12\",\"log\":\"\\u001b[32m2024-03-12 10:15:32.784  INFO\\u001b[0m 1 --- "
                + "[           main] c.a.orders.OrdersApplication             : Started OrdersApplication\\u0000\",\"source\":\"stdout\"}";

        JsonNode doc = new TestPipeline().lines("/ecs/orders", envelope).single();

        assertThat(doc.at("/message").asText()).isEqualTo("Started OrdersApplication");
        assertThat(doc.toString()).doesNotContain("\\u001b", "\\u0000");
        assertThat(doc.at("/event/dataset").asText()).isEqualTo("pattern.layout");
        assertThat(doc.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(doc.at("/process/thread/name").asText()).isEqualTo("main");
    }
}
