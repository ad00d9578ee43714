package io.logpipe.processor.sink.opensearch.bulk;

import java.util.List;

/** One {@code _bulk} body (NDJSON) and the items it carries, in body order. */
public record BulkRequest(byte[] body, List<BulkItem> items) {
}
