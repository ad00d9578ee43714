package io.logpipe.processor.sink.opensearch.bulk;

/**
 * What one bulk item's status means for the document, decided in exactly one place ({@link #of(int)}).
 * The sink uses {@code create} with {@code _id = event.id}, so 409 means the document is already there from
 * an earlier delivery: success, not a failure.
 */
public enum ItemOutcome {
    CREATED, DUPLICATE, RETRY, REJECT;

    public static ItemOutcome of(int status) {
        if (status >= 200 && status < 300) {
            return CREATED;
        }
        if (status == 409) {
            return DUPLICATE;
        }
        if (status == 429 || status >= 500 || status == 408) {
            return RETRY;                        // overload, timeouts, unavailable shards: will pass
        }
        return REJECT;                           // 400 mapping/parse errors and other 4xx: never will
    }

    /**
     * For a whole request that failed with an HTTP status: 401/403 are configuration or credential problems
     * that must fail the invocation loudly (retrying and then redelivering), never dead-letter every document.
     */
    public static ItemOutcome ofRequest(int status) {
        return status == 401 || status == 403 || status == 413 ? RETRY : of(status);
    }
}
