package io.logpipe.processor.sink.opensearch.bulk;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BulkResponseParserTest {

    @Test
    void should_read_status_and_error_of_each_item_when_the_response_has_errors() throws Exception {
        String body = """
                {"took":3,"errors":true,"items":[
                  {"create":{"_index":".ds-app-logs-000001","_id":"a","status":201}},
                  {"create":{"_id":"b","status":409,"error":{"type":"version_conflict_engine_exception","reason":"[b]: version conflict"}}},
                  {"create":{"_id":"c","status":400,"error":{"type":"mapper_parsing_exception","reason":"failed to parse","caused_by":{"type":"x"}}}}
                ]}""";

        var items = BulkResponseParser.parseItems(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));

        assertThat(items).containsExactly(
                new BulkResponse.Item(201, null, null),
                new BulkResponse.Item(409, "version_conflict_engine_exception", "[b]: version conflict"),
                new BulkResponse.Item(400, "mapper_parsing_exception", "failed to parse"));
    }
}
