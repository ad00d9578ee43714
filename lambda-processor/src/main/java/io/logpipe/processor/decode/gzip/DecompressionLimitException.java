package io.logpipe.processor.decode.gzip;

import java.io.IOException;

/** The data inflates beyond the decoder's limit: a gzip bomb, or a payload larger than any real one. */
public final class DecompressionLimitException extends IOException {

    private final int limit;

    DecompressionLimitException(int limit) {
        super("inflates beyond the " + limit + "-byte limit");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
