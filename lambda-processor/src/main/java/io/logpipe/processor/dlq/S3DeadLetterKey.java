package io.logpipe.processor.dlq;

import io.logpipe.processor.model.DeadLetter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

/**
 * The object key of one batch of dead letters:
 * {@code <prefix>dt=YYYY-MM-DD/hour=HH/<16 hex>.ndjson.gz}, partitioned by UTC processing time (Athena/Glue
 * style), named by the first 64 bits of a SHA-256 over each record's identity (event id, else the original
 * input) and reason, in order.
 *
 * <p>Why content-addressed: when an invocation fails after its dead letters were stored and the platform
 * redelivers the batch, the retry dead-letters the same inputs for the same reasons and, within the same hour,
 * overwrites the same object instead of adding a duplicate. The record timestamps are deliberately left out of
 * the name, since they change on every attempt. A retry in the next hour writes a second object with the same
 * records; consumers dedupe on {@code event_id}.
 */
final class S3DeadLetterKey {
    private static final DateTimeFormatter PARTITION =
            DateTimeFormatter.ofPattern("'dt='yyyy-MM-dd'/hour='HH").withZone(ZoneOffset.UTC);

    private S3DeadLetterKey() {
    }

    static String of(String prefix, List<DeadLetter> deadLetters, Instant processedAt) {
        return prefix + PARTITION.format(processedAt) + "/" + contentHash(deadLetters) + ".ndjson.gz";
    }

    /** 16 lowercase hex digits; equal lists give equal hashes. */
    static String contentHash(List<DeadLetter> deadLetters) {
        MessageDigest sha = sha256();
        for (DeadLetter d : deadLetters) {
            // Tagged and length-prefixed, so no two different lists can encode to the same bytes.
            if (d.eventId() != null) {
                update(sha, 'i', d.eventId());
            } else if (d.original() != null) {
                update(sha, 'o', d.original());
            } else {
                update(sha, 'n', "");
            }
            update(sha, 'r', d.reason());
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }

    private static void update(MessageDigest sha, char tag, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) tag);
        sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
