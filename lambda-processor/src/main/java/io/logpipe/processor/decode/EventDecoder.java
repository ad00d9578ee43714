package io.logpipe.processor.decode;

/** Turns one Lambda event (raw JSON bytes) into log records. Implementations never throw on bad input. */
public interface EventDecoder {
    DecodedBatch decode(byte[] lambdaEvent);
}
