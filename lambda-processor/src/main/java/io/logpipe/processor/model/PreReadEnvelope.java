package io.logpipe.processor.model;

import java.util.Map;

/**
 * A message that is a flat JSON object of strings holding a {@code log} line, the shape FireLens wraps container
 * lines in, as the decoder already read it on its way through the payload: what reading the message as JSON
 * would give, with {@code log} apart. The parse stage decides whether it is an envelope. Read-only by contract.
 *
 * @param fields the object's other fields, in order (the values are Strings)
 * @param log    the {@code log} value
 */
public record PreReadEnvelope(Map<String, Object> fields, String log) {
}
