package io.logpipe.processor.json;

/** A record broke a configured bound (depth or field count); the caller degrades it to text. */
public final class JsonLimitException extends RuntimeException {
    public JsonLimitException(String message) {
        super(message, null, false, false);
    }
}
