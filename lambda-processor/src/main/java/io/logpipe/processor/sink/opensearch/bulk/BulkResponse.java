package io.logpipe.processor.sink.opensearch.bulk;

import java.util.List;

/**
 * A {@code _bulk} answer: the HTTP status, and for a 200 the per-item results in request order.
 *
 * @param items empty when the whole request failed (then {@code status} says why)
 */
public record BulkResponse(int status, List<Item> items, String error) {

    /** One item's status and, when it failed, the error's type and reason. */
    public record Item(int status, String errorType, String errorReason) {
    }

    public BulkResponse {
        items = List.copyOf(items);
    }

    public static BulkResponse failed(int status, String error) {
        return new BulkResponse(status, List.of(), error);
    }
}
