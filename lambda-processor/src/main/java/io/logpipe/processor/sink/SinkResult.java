package io.logpipe.processor.sink;

import io.logpipe.processor.model.DeadLetter;

import java.util.List;

/**
 * What a sink did with a batch.
 *
 * @param written    documents now stored (including ones that already existed: a redelivery is not an error)
 * @param duplicates of those, documents that were already there ({@code 409} on create)
 * @param rejected   documents the sink can never store, with reasons
 */
public record SinkResult(int written, int duplicates, List<DeadLetter> rejected) {
    public SinkResult {
        rejected = List.copyOf(rejected);
    }
}
