package io.logpipe.processor.sink.archive;

import io.logpipe.processor.model.DeadLetter;

import java.util.List;

/**
 * What an archive did with a batch.
 *
 * @param archived documents now stored in the lake
 * @param rejected documents it can never store (cannot be serialised, too large for the service), with reasons
 */
public record ArchiveResult(int archived, List<DeadLetter> rejected) {
    public ArchiveResult {
        rejected = List.copyOf(rejected);
    }
}
