package io.logpipe.testkit.faults;

import java.io.IOException;

/** A request the proxy refuses to handle; answered with {@link #status()} and the connection closed. */
final class HttpProtocolException extends IOException {

    private final int status;

    HttpProtocolException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
