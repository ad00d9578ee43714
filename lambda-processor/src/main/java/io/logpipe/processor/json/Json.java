package io.logpipe.processor.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;

/**
 * The one configured Jackson factory. Streaming only (jackson-core): no databind, no reflection, so the
 * cold start stays small. Its read constraints are the outer safety net; the parsers apply tighter,
 * per-record limits of their own (see {@link BoundedJsonReader}).
 */
public final class Json {
    /** Deep enough for any real envelope; a record nested deeper fails fast instead of recursing. */
    public static final int MAX_NESTING = 256;

    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxStringLength(64 * 1024 * 1024)
                    .maxNumberLength(64)
                    .build())
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build();

    private Json() {
    }
}
