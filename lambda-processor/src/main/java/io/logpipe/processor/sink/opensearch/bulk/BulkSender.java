package io.logpipe.processor.sink.opensearch.bulk;

import java.io.IOException;

/**
 * Sends one {@code _bulk} body. Throws {@link IOException} for transport failures (connection refused or reset,
 * timeouts); returns the HTTP answer otherwise, even an error status. Tests substitute a scripted sender.
 */
@FunctionalInterface
public interface BulkSender {
    BulkResponse send(BulkRequest request) throws IOException;
}
