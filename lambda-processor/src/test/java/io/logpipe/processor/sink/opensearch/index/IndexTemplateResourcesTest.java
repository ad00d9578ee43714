package io.logpipe.processor.sink.opensearch.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON resources parse, and rendering fills every parameter and nothing else. */
class IndexTemplateResourcesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:iam::123456789012:role/logpipe-processor";
    private static final BootstrapOptions OPTIONS = BootstrapOptions.defaults().withRoleArn(ARN);

    @ParameterizedTest
    @ValueSource(strings = {IndexResources.TEMPLATE, IndexResources.ISM_POLICY, IndexResources.ROLE,
            IndexResources.ROLE_MAPPING})
    void should_parse_as_json_when_loaded_from_the_classpath(String resource) throws Exception {
        assertThat(JSON.readTree(IndexResources.load(resource)).isObject()).isTrue();
    }

    @Test
    void should_fill_every_placeholder_when_rendering() {
        for (IndexResources.Rendered r : new IndexResources.Rendered[] {IndexResources.indexTemplate(OPTIONS),
                IndexResources.ismPolicy(OPTIONS), IndexResources.role(OPTIONS), IndexResources.roleMapping(OPTIONS)}) {
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("{{").doesNotContainPattern("\\{\\{\\w+}}");
            assertThat(JsonTree.hasPlaceholder(r.tree())).isFalse();
            assertThat(r.fingerprint()).matches("[0-9a-f]{16}");
        }
    }

    @Test
    void should_name_the_data_stream_when_rendering_the_template() {
        JsonNode t = tree(IndexResources.indexTemplate(OPTIONS.withDataStream("orders-logs")));
        assertThat(t.path("index_patterns")).containsExactly(JSON.getNodeFactory().textNode("orders-logs*"));
        assertThat(t.path("data_stream").isObject()).isTrue();
        assertThat(t.path("priority").asInt()).isPositive();
        assertThat(t.at("/template/settings/index/number_of_shards").asInt()).isEqualTo(1);
        assertThat(t.at("/template/settings/index/refresh_interval").asText()).isEqualTo("1s");
    }

    @Test
    void should_leave_replicas_to_the_cluster_when_no_replicas_are_given() {
        JsonNode t = tree(IndexResources.indexTemplate(OPTIONS));
        assertThat(t.at("/template/settings/index").has("number_of_replicas")).isFalse();
    }

    @Test
    void should_set_replicas_and_refresh_interval_when_given() {
        JsonNode t = tree(IndexResources.indexTemplate(OPTIONS.withReplicas(0).withRefreshInterval("30s")));
        assertThat(t.at("/template/settings/index/number_of_replicas").isIntegralNumber()).isTrue();
        assertThat(t.at("/template/settings/index/number_of_replicas").asInt()).isZero();
        assertThat(t.at("/template/settings/index/refresh_interval").asText()).isEqualTo("30s");
    }

    @Test
    void should_keep_the_fingerprint_when_rendered_again_with_the_same_options() {
        IndexResources.Rendered a = IndexResources.indexTemplate(OPTIONS);
        IndexResources.Rendered b = IndexResources.indexTemplate(BootstrapOptions.defaults().withRoleArn(ARN));
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
        assertThat(tree(a).at("/_meta/fingerprint").asText()).isEqualTo(a.fingerprint());
    }

    @Test
    void should_change_the_fingerprint_when_a_setting_changes() {
        String base = IndexResources.indexTemplate(OPTIONS).fingerprint();
        assertThat(IndexResources.indexTemplate(OPTIONS.withReplicas(0)).fingerprint()).isNotEqualTo(base);
        assertThat(IndexResources.indexTemplate(OPTIONS.withRefreshInterval("5s")).fingerprint()).isNotEqualTo(base);
        assertThat(IndexResources.ismPolicy(OPTIONS.withRetentionDays(7)).fingerprint())
                .isNotEqualTo(IndexResources.ismPolicy(OPTIONS).fingerprint());
    }

    @Test
    void should_delete_after_the_retention_when_rendering_the_ism_policy() {
        IndexResources.Rendered rendered = IndexResources.ismPolicy(OPTIONS.withRetentionDays(45));
        JsonNode policy = tree(rendered).path("policy");
        JsonNode hot = policy.path("states").get(0);
        assertThat(policy.path("default_state").asText()).isEqualTo("hot");
        assertThat(hot.at("/actions/0/rollover/min_primary_shard_size").asText()).isEqualTo("30gb");
        assertThat(hot.at("/actions/0/rollover/min_index_age").asText()).isEqualTo("1d");
        assertThat(hot.at("/transitions/0/state_name").asText()).isEqualTo("delete");
        assertThat(hot.at("/transitions/0/conditions/min_rollover_age").asText()).isEqualTo("45d");
        assertThat(policy.at("/states/1/actions/0").has("delete")).isTrue();
        assertThat(policy.at("/ism_template/0/index_patterns")).extracting(JsonNode::asText)
                .containsExactly("app-logs*", ".ds-app-logs-*");
        assertThat(policy.path("description").asText()).contains(rendered.fingerprint());
        assertThat(IndexResources.ismPolicyId(OPTIONS)).isEqualTo("logpipe-app-logs");
    }

    @Test
    void should_grant_only_bulk_writes_on_the_data_stream_when_rendering_the_role() {
        JsonNode role = tree(IndexResources.role(OPTIONS));
        assertThat(role.path("cluster_permissions")).extracting(JsonNode::asText)
                .containsExactly("indices:data/write/bulk");
        assertThat(role.path("index_permissions")).hasSize(1);
        JsonNode perms = role.at("/index_permissions/0");
        assertThat(perms.path("index_patterns")).extracting(JsonNode::asText)
                .containsExactly("app-logs", ".ds-app-logs-*");
        assertThat(perms.path("allowed_actions")).extracting(JsonNode::asText)
                .containsExactly("indices:data/write/bulk*", "indices:data/write/index");
    }

    @Test
    void should_map_the_lambda_role_arn_when_rendering_the_role_mapping() {
        JsonNode mapping = tree(IndexResources.roleMapping(OPTIONS));
        assertThat(mapping.path("backend_roles")).extracting(JsonNode::asText).containsExactly(ARN);
    }

    @Test
    void should_refuse_to_render_a_role_mapping_when_no_arn_is_given() {
        assertThatThrownBy(() -> IndexResources.roleMapping(BootstrapOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_keep_parameters_as_string_values_when_they_contain_json_syntax() {
        Object tree = JsonTree.substitute(JsonTree.parse("{\"a\":\"x-{{p}}\"}".getBytes(StandardCharsets.UTF_8)),
                Map.of("p", "\",\"admin\":true"));
        assertThat(new String(JsonTree.write(tree), StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"x-\\\",\\\"admin\\\":true\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"App-Logs", "_hidden", ".ds-x", "a b", "a*", ""})
    void should_reject_the_data_stream_name_when_it_is_not_a_valid_index_name(String name) {
        assertThatThrownBy(() -> BootstrapOptions.defaults().withDataStream(name))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:iam::123:role/x", "arn:aws:iam::123456789012:user/x", "role/x",
            "arn:aws:iam::123456789012:role/x\"}"})
    void should_reject_the_role_arn_when_it_is_not_an_iam_role(String arn) {
        assertThatThrownBy(() -> BootstrapOptions.defaults().withRoleArn(arn))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_reject_options_when_numbers_are_out_of_range() {
        assertThatThrownBy(() -> BootstrapOptions.defaults().withRetentionDays(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BootstrapOptions.defaults().withReplicas(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BootstrapOptions.defaults().withRefreshInterval("soon"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode tree(IndexResources.Rendered rendered) {
        try {
            return JSON.readTree(rendered.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
