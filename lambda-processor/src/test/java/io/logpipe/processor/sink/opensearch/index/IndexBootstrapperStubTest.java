package io.logpipe.processor.sink.opensearch.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpipe.processor.sink.opensearch.OpenSearchClients;
import io.logpipe.processor.sink.opensearch.OpenSearchSinkConfig;
import io.logpipe.processor.sink.opensearch.index.BootstrapReport.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ISM and security steps against a scripted cluster, since the local test node has neither plugin:
 * request paths, optimistic-concurrency parameters, merge-not-replace of role mappings, and ordering.
 */
class IndexBootstrapperStubTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:iam::123456789012:role/logpipe-processor";
    private static final BootstrapOptions OPTIONS = BootstrapOptions.defaults().withRoleArn(ARN);
    private static final String POLICY = "/_plugins/_ism/policies/logpipe-app-logs";
    private static final String ROLE = "/_plugins/_security/api/roles/logpipe_writer";
    private static final String MAPPING = "/_plugins/_security/api/rolesmapping/logpipe_writer";
    private static final String PLUGINS = "[{\"name\":\"n1\",\"component\":\"opensearch-index-management\"},"
            + "{\"name\":\"n1\",\"component\":\"opensearch-security\"}]";

    private StubCluster cluster;
    private OpenSearchClient client;

    @BeforeEach
    void start() throws Exception {
        cluster = new StubCluster();
        client = OpenSearchClients.create(OpenSearchSinkConfig.local(cluster.uri()));
        cluster.on("GET /_cat/plugins?format=json", 200, PLUGINS)
                .on("GET /_resolve/index/app-logs", 200, "{\"indices\":[],\"aliases\":[],\"data_streams\":[]}")
                .on("PUT /_index_template/app-logs", 200, "{\"acknowledged\":true}");
    }

    @AfterEach
    void stop() throws Exception {
        client._transport().close();
        cluster.close();
    }

    @Test
    void should_create_policy_role_and_mapping_before_the_data_stream_when_the_cluster_is_empty() throws Exception {
        cluster.on("PUT " + POLICY, 201, "{\"_id\":\"logpipe-app-logs\"}")
                .on("PUT " + ROLE, 201, "{\"status\":\"CREATED\"}")
                .on("PUT " + MAPPING, 201, "{\"status\":\"CREATED\"}")
                .on("PUT /_data_stream/app-logs", 200, "{\"acknowledged\":true}");

        BootstrapReport report = new IndexBootstrapper(client).bootstrap(OPTIONS);

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.steps()).extracting(BootstrapReport.Step::outcome).containsOnly(Outcome.CREATED);
        assertThat(report.steps()).hasSize(5);
        List<String> writes = cluster.requests().stream().filter(r -> !r.method().equals("GET"))
                .map(StubCluster.Request::line).toList();
        assertThat(writes).containsExactly("PUT /_index_template/app-logs", "PUT " + POLICY, "PUT " + ROLE,
                "PUT " + MAPPING, "PUT /_data_stream/app-logs");
        JsonNode policy = JSON.readTree(cluster.only("PUT " + POLICY).body());
        assertThat(policy.at("/policy/states/0/transitions/0/conditions/min_rollover_age").asText()).isEqualTo("30d");
        assertThat(JSON.readTree(cluster.only("PUT " + MAPPING).body()).path("backend_roles").get(0).asText())
                .isEqualTo(ARN);
    }

    @Test
    void should_update_with_seq_no_and_switch_existing_indices_when_the_policy_changed() throws Exception {
        String fingerprint = IndexResources.indexTemplate(OPTIONS).fingerprint();
        cluster.on("GET /_data_stream/app-logs", 200, "{\"data_streams\":[{\"name\":\"app-logs\"}]}")
                .on("GET /_index_template/app-logs", 200,
                        "{\"index_templates\":[{\"name\":\"app-logs\",\"index_template\":{\"_meta\":{\"fingerprint\":\""
                                + fingerprint + "\"}}}]}")
                .on("GET " + POLICY, 200, "{\"_id\":\"logpipe-app-logs\",\"_seq_no\":7,\"_primary_term\":2,"
                        + "\"policy\":{\"description\":\"older policy\"}}")
                .on("PUT " + POLICY + "?if_primary_term=2&if_seq_no=7", 200, "{\"_id\":\"logpipe-app-logs\"}")
                .on("POST /_plugins/_ism/change_policy/.ds-app-logs-*", 200, "{\"updated_indices\":2,\"failures\":false}")
                .on("GET " + ROLE, 200, "{\"logpipe_writer\":{\"description\":\"x [fingerprint "
                        + IndexResources.role(OPTIONS).fingerprint() + "]\"}}")
                .on("GET " + MAPPING, 200, "{\"logpipe_writer\":{\"backend_roles\":[\"arn:aws:iam::123456789012:role/admin\"],"
                        + "\"users\":[\"alice\"]}}")
                .on("PATCH " + MAPPING, 200, "{\"status\":\"OK\"}");

        BootstrapReport report = new IndexBootstrapper(client).bootstrap(OPTIONS);

        assertThat(report.ok()).as(report.toString()).isTrue();
        assertThat(report.step("index template").orElseThrow().outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(report.step("ISM policy").orElseThrow().outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(report.step("ISM policy").orElseThrow().detail()).contains("change_policy on 2");
        assertThat(report.step("security role").orElseThrow().outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(report.step("role mapping").orElseThrow().outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(report.step("data stream").orElseThrow().outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(report.step("backing indices")).isEmpty();
        JsonNode patch = JSON.readTree(cluster.only("PATCH " + MAPPING).body());
        assertThat(patch).isEqualTo(JSON.readTree("[{\"op\":\"add\",\"path\":\"/backend_roles/-\",\"value\":\"" + ARN + "\"}]"));
        assertThat(JSON.readTree(cluster.only("POST /_plugins/_ism/change_policy/.ds-app-logs-*").body())
                .path("policy_id").asText()).isEqualTo("logpipe-app-logs");
    }

    @Test
    void should_read_again_and_find_it_applied_when_a_concurrent_update_wins() {
        String fingerprint = IndexResources.ismPolicy(OPTIONS).fingerprint();
        cluster.on("GET " + POLICY, 200, "{\"_seq_no\":7,\"_primary_term\":2,\"policy\":{\"description\":\"old\"}}")
                .on("GET " + POLICY, 200, "{\"_seq_no\":8,\"_primary_term\":2,\"policy\":{\"description\":\"new [fingerprint "
                        + fingerprint + "]\"}}")
                .on("PUT " + POLICY + "?if_primary_term=2&if_seq_no=7", 409,
                        "{\"error\":{\"type\":\"version_conflict_engine_exception\",\"reason\":\"seq_no changed\"}}");

        BootstrapReport report = new IndexBootstrapper(client).bootstrap(OPTIONS.withRoleArn(null));

        assertThat(report.step("ISM policy").orElseThrow().outcome()).as(report.toString()).isEqualTo(Outcome.UNCHANGED);
        assertThat(report.step("security role").orElseThrow().detail()).isEqualTo("no role ARN given");
    }

    @Test
    void should_stop_at_the_failed_step_when_the_cluster_refuses_a_write() {
        cluster.on("PUT " + POLICY, 403, "{\"error\":{\"type\":\"security_exception\",\"reason\":\"no permissions\"}}");

        BootstrapReport report = new IndexBootstrapper(client).bootstrap(OPTIONS);

        assertThat(report.ok()).isFalse();
        assertThat(report.steps().getLast().name()).as(report.toString()).isEqualTo("ISM policy logpipe-app-logs");
        assertThat(report.steps().getLast().detail()).isEqualTo("HTTP 403 security_exception: no permissions");
        assertThat(cluster.requests()).noneMatch(r -> r.line().equals("PUT /_data_stream/app-logs"));
    }
}
