package io.logpipe.testkit.faults;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Optional;

import static io.logpipe.testkit.faults.TestBodies.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BulkBodyTest {

    @Test
    void should_pair_actions_with_sources_except_deletes_when_parsing() throws Exception {
        BulkBody body = BulkBody.parse(utf8("""
                {"create":{"_index":"a","_id":"1"}}\r
                {"m":1}

                {"delete":{"_id":"2"}}
                {"index":{}}
                {"m":3}"""), Optional.of("p"));

        assertThat(body.items()).extracting(BulkBody.Item::op).containsExactly("create", "delete", "index");
        assertThat(body.items()).extracting(BulkBody.Item::index).containsExactly("a", "p", "p");
        assertThat(body.items()).extracting(BulkBody.Item::id).containsExactly("1", "2", null);
        assertThat(new String(body.toNdjson(i -> i != 1))).isEqualTo("""
                {"create":{"_index":"a","_id":"1"}}
                {"m":1}
                {"index":{}}
                {"m":3}
                """);
    }

    @Test
    void should_reject_the_body_when_an_action_is_unknown_or_lacks_its_source() {
        assertThatThrownBy(() -> BulkBody.parse(utf8("{\"upsert\":{}}\n{}\n"), Optional.empty()))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> BulkBody.parse(utf8("{\"index\":{}}\n"), Optional.empty()))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> BulkBody.parse(utf8("[1]\n"), Optional.empty())).isInstanceOf(IOException.class);
    }

    @Test
    void should_recognise_bulk_endpoints_when_matching_paths() {
        assertThat(Fault.isBulkPath("/_bulk")).isTrue();
        assertThat(Fault.isBulkPath("/app-logs/_bulk")).isTrue();
        assertThat(Fault.isBulkPath("/_bulk/")).isTrue();
        assertThat(Fault.isBulkPath("/_bulk/stream")).isFalse();
        assertThat(Fault.isBulkPath("/_cluster/_bulk")).isFalse();
        assertThat(Fault.isBulkPath("/a/b/_bulk")).isFalse();
        assertThat(BulkBody.pathIndex("/app-logs/_bulk")).hasValue("app-logs");
        assertThat(BulkBody.pathIndex("/_bulk")).isEmpty();
    }
}
