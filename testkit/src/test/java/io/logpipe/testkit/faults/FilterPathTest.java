package io.logpipe.testkit.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FilterPathTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESPONSE = """
            {"took":3,"errors":true,"items":[
              {"create":{"_index":"a","_id":"1","status":201,"result":"created"}},
              {"index":{"_index":"a","_id":"2","status":503,"error":{"type":"t","reason":"r"}}}]}""";

    private static String filter(String filterPath) throws Exception {
        JsonNode root = JSON.readTree(RESPONSE);
        return FilterPath.parse(filterPath).apply(root).toString();
    }

    @Test
    void should_keep_only_matching_leaves_when_paths_use_wildcards() throws Exception {
        assertThat(filter("items.*._id,items.*.status")).isEqualTo("{\"items\":[{\"create\":{\"_id\":\"1\","
                + "\"status\":201}},{\"index\":{\"_id\":\"2\",\"status\":503}}]}");
    }

    @Test
    void should_drop_items_without_a_match_when_filtering_on_errors() throws Exception {
        assertThat(filter("took,items.*.error")).isEqualTo("{\"took\":3,\"items\":[{\"index\":{\"error\":"
                + "{\"type\":\"t\",\"reason\":\"r\"}}}]}");
    }

    @Test
    void should_match_any_depth_when_a_segment_is_a_double_wildcard() throws Exception {
        assertThat(filter("**.reason")).isEqualTo("{\"items\":[{\"index\":{\"error\":{\"reason\":\"r\"}}}]}");
    }

    @Test
    void should_match_partial_names_when_a_segment_contains_a_wildcard() throws Exception {
        assertThat(filter("items.cre*._i*")).isEqualTo("{\"items\":[{\"create\":{\"_index\":\"a\","
                + "\"_id\":\"1\"}}]}");
    }

    @Test
    void should_remove_matches_and_keep_the_rest_when_paths_are_excluded() throws Exception {
        assertThat(filter("-items,-took")).isEqualTo("{\"errors\":true}");
        assertThat(filter("-items.*.error,items.*.status")).isEqualTo("{\"items\":[{\"create\":{\"status\":201}},"
                + "{\"index\":{\"status\":503}}]}");
    }

    @Test
    void should_yield_an_empty_object_when_nothing_matches() throws Exception {
        assertThat(filter("nothing.here")).isEqualTo("{}");
    }

    @Test
    void should_glob_like_opensearch_when_matching_single_names() {
        assertThat(FilterPath.glob("*", "")).isTrue();
        assertThat(FilterPath.glob("a*b*c", "aXbYc")).isTrue();
        assertThat(FilterPath.glob("a*b", "ab")).isTrue();
        assertThat(FilterPath.glob("a*a", "a")).isFalse();
        assertThat(FilterPath.glob("ab", "abc")).isFalse();
    }
}
