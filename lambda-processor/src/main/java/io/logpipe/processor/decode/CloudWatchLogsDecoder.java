package io.logpipe.processor.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.logpipe.processor.config.Limits;
import io.logpipe.processor.json.Json;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.FailureKind;
import io.logpipe.processor.model.RawLogRecord;
import io.logpipe.processor.model.SourceContext;
import io.logpipe.processor.model.Stage;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Decodes {@code {"awslogs":{"data": base64(gzip(payload))}}}: base64 and gunzip (bounded), then streams the
 * payload JSON into records. A payload that cannot be opened becomes one dead letter; a malformed log event
 * inside a good payload becomes its own dead letter and the others go on. Not thread-safe (reuses buffers).
 */
public final class CloudWatchLogsDecoder implements EventDecoder {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private final Limits limits;
    private final BoundedGunzip gunzip;
    private final RecordJoiner joiner;
    private final PlainPayloadReader plainReader;

    public CloudWatchLogsDecoder(Limits limits) {
        this.limits = limits;
        this.plainReader = new PlainPayloadReader(limits.maxJsonDepth(), limits.maxJsonFields());
        this.gunzip = new BoundedGunzip(limits.maxDecompressedBytes());
        this.joiner = new RecordJoiner(limits);
    }

    @Override
    public DecodedBatch decode(byte[] lambdaEvent) {
        try {
            if (lambdaEvent.length > limits.maxEventBytes()) {
                throw new DecodeException(FailureKind.INPUT_TOO_LARGE,
                        "event of " + lambdaEvent.length + " bytes exceeds the " + limits.maxEventBytes() + "-byte limit");
            }
            byte[] gzip = readDataField(lambdaEvent);
            int length = gunzip.inflate(gzip);
            return decodePayload(gunzip.buffer(), length);
        } catch (DecodeException e) {
            return DecodedBatch.failed(DeadLetter.ofPayload(Stage.DECODE, e.kind(), e.getMessage(),
                    new String(lambdaEvent, StandardCharsets.UTF_8)));
        }
    }

    private static byte[] readDataField(byte[] event) throws DecodeException {
        try (JsonParser p = Json.FACTORY.createParser(event)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notSubscriptionEvent();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean isAwsLogs = "awslogs".equals(p.currentName());
                if (p.nextToken() == JsonToken.START_OBJECT && isAwsLogs) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        boolean isData = "data".equals(p.currentName());
                        JsonToken t = p.nextToken();
                        if (isData && t == JsonToken.VALUE_STRING) {
                            byte[] fast = decodeInPlace(event, p.currentTokenLocation().getByteOffset());
                            return fast != null ? fast : decodeBase64(p);
                        }
                        p.skipChildren();
                    }
                } else {
                    p.skipChildren();
                }
            }
            throw notSubscriptionEvent();
        } catch (JsonProcessingException e) {
            throw new DecodeException(FailureKind.MALFORMED_ENVELOPE, "event is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DecodeException(FailureKind.MALFORMED_ENVELOPE, "cannot read event: " + e.getMessage());
        }
    }

    /**
     * Decodes the base64 string whose opening quote is at {@code quote} straight from the event's bytes with the
     * JDK's (vectorised) decoder; null when the string is not plain, padded standard base64, which Jackson then
     * decodes or reports. Measured: Jackson's byte-at-a-time decoder into a growing builder was ~3 % of the job.
     */
    private static byte[] decodeInPlace(byte[] event, long quote) {
        if (quote < 0 || quote >= event.length || event[(int) quote] != '"') {
            return null;
        }
        int start = (int) quote + 1;
        int end = closingQuoteAtTail(event, start);
        if (end < 0) {
            end = quoteOrBackslash(event, start);
            if (end < event.length && event[end] == '\\') {
                return null;                                   // a JSON escape inside: leave it to Jackson
            }
        }
        if (end == event.length || (end - start) % 4 != 0) {
            return null;
        }
        try {
            ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(event, start, end - start));
            byte[] bytes = decoded.array();
            return decoded.arrayOffset() == 0 && decoded.limit() == bytes.length ? bytes
                    : Arrays.copyOfRange(bytes, decoded.arrayOffset(), decoded.arrayOffset() + decoded.limit());
        } catch (IllegalArgumentException notPlainBase64) {
            return null;
        }
    }

    /**
     * The closing quote of the data string when the event ends with it, as every subscription event does
     * (<code>{"awslogs":{"data":"…"}}</code>, maybe with whitespace): found from the end, without reading the
     * ~30 KB of base64 (that scan was ~1 % of the job). -1 when the event ends otherwise. The quote found may
     * close a later string instead; then the decoder meets the '"' in between and refuses, and Jackson reads it.
     */
    private static int closingQuoteAtTail(byte[] b, int start) {
        int i = b.length;
        for (byte expected : TAIL) {
            do {
                i--;
            } while (i >= start && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t'));
            if (i < start || b[i] != expected) {
                return -1;
            }
        }
        return i;
    }

    private static final byte[] TAIL = {'}', '}', '"'};

    /**
     * Index of the first '"' or '\\' from {@code i} on, or {@code b.length}. Eight bytes at a time: the string is
     * the whole ~30 KB of base64, and the byte loop was ~2 % of the job.
     */
    private static int quoteOrBackslash(byte[] b, int i) {
        for (; i + 8 <= b.length; i += 8) {
            long w = (long) LONGS.get(b, i);
            long hit = zeroByte(w ^ 0x2222222222222222L) | zeroByte(w ^ 0x5C5C5C5C5C5C5C5CL);
            if (hit != 0) {
                break;                                         // the byte loop below finds which byte
            }
        }
        while (i < b.length && b[i] != '"' && b[i] != '\\') {
            i++;
        }
        return i;
    }

    /** Nonzero when some byte of v is zero (may flag false positives above a true zero byte; callers re-check). */
    private static long zeroByte(long v) {
        return (v - 0x0101010101010101L) & ~v & 0x8080808080808080L;
    }

    private static byte[] decodeBase64(JsonParser p) throws IOException, DecodeException {
        try {
            return p.getBinaryValue();
        } catch (JsonProcessingException e) {
            throw new DecodeException(FailureKind.BAD_BASE64, "awslogs.data is not valid base64: " + e.getOriginalMessage());
        }
    }

    private static DecodeException notSubscriptionEvent() {
        return new DecodeException(FailureKind.MALFORMED_ENVELOPE,
                "not a CloudWatch Logs subscription event: no awslogs.data string");
    }

    private DecodedBatch decodePayload(byte[] bytes, int length) throws DecodeException {
        PlainPayloadReader.Payload plain = plainReader.read(bytes, length);
        if (plain != null) {
            return toBatch(plain.messageType(), plain.owner(), plain.logGroup(), plain.logStream(), plain.events(),
                    plain.sawEvents(), true);
        }
        try (JsonParser p = Json.FACTORY.createParser(bytes, 0, length)) {
            return readPayload(p);
        } catch (StreamConstraintsException e) {
            throw new DecodeException(FailureKind.MALFORMED_PAYLOAD, "payload breaks a size limit: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            // Usually invalid UTF-8 inside a message: decode leniently (invalid bytes become U+FFFD) and retry.
            String lenient = new String(bytes, 0, length, StandardCharsets.UTF_8);
            try (JsonParser p = Json.FACTORY.createParser(lenient)) {
                return readPayload(p);
            } catch (IOException retry) {
                throw new DecodeException(FailureKind.MALFORMED_PAYLOAD, "payload is not valid JSON: " + e.getOriginalMessage());
            }
        } catch (IOException e) {
            throw new DecodeException(FailureKind.MALFORMED_PAYLOAD, "cannot read payload: " + e.getMessage());
        }
    }

    private DecodedBatch readPayload(JsonParser p) throws IOException, DecodeException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new DecodeException(FailureKind.MALFORMED_PAYLOAD, "payload is not a JSON object");
        }
        String messageType = null, owner = null, logGroup = null, logStream = null;
        List<PendingEvent> events = List.of();
        boolean sawEvents = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "messageType" -> messageType = textOrNull(p, t);
                case "owner" -> owner = textOrNull(p, t);
                case "logGroup" -> logGroup = textOrNull(p, t);
                case "logStream" -> logStream = textOrNull(p, t);
                case "logEvents" -> {
                    events = PendingEvent.readArray(p, t);
                    sawEvents = true;
                }
                default -> p.skipChildren();
            }
        }
        return toBatch(messageType, owner, logGroup, logStream, events, sawEvents, false);
    }

    /** {@code sanitized}: the messages were read by {@link PlainPayloadReader} and need no more hygiene. */
    private DecodedBatch toBatch(String messageType, String owner, String logGroup, String logStream,
                                 List<PendingEvent> events, boolean sawEvents, boolean sanitized) throws DecodeException {
        if ("CONTROL_MESSAGE".equals(messageType)) {
            return new DecodedBatch(List.of(), List.of(), 0, 0, true);
        }
        if (!"DATA_MESSAGE".equals(messageType) || !sawEvents) {
            throw new DecodeException(FailureKind.MALFORMED_PAYLOAD,
                    "not a CloudWatch Logs DATA_MESSAGE payload (messageType=" + messageType + ", logEvents "
                            + (sawEvents ? "present" : "missing") + ")");
        }
        return toBatch(SourceContext.cloudWatch(owner, logGroup, logStream), events, sanitized);
    }

    private DecodedBatch toBatch(SourceContext source, List<PendingEvent> events, boolean sanitized) {
        List<RawLogRecord> records = new ArrayList<>(events.size());
        List<DeadLetter> deadLetters = new ArrayList<>(0);
        int[] keys = new int[events.size()];
        for (PendingEvent e : events) {
            if (e.problem() != null) {
                deadLetters.add(DeadLetter.ofEvent(Stage.DECODE, FailureKind.MALFORMED_EVENT, e.problem(),
                        new RawLogRecord(e.id(), e.timestamp(), e.original(), source)));
            } else {
                String text = sanitized ? e.message() : TextSanitizer.clean(e.message());
                keys[records.size()] = sanitized && e.envelopeKeys() != EnvelopeKeys.UNKNOWN ? e.envelopeKeys()
                        : EnvelopeKeys.of(text);
                records.add(new RawLogRecord(e.id(), e.timestamp(), text, source, 1, e.envelope(), e.record()));
            }
        }
        RecordJoiner.Result joined = joiner.join(records, keys);
        return new DecodedBatch(joined.records(), deadLetters, events.size(), joined.joinedAway(), false);
    }

    private static String textOrNull(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }
}
