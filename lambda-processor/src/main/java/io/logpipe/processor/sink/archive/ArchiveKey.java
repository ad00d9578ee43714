package io.logpipe.processor.sink.archive;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * The S3 key of one partition's documents from one batch:
 * {@code <prefix>service=<svc>/dt=YYYY-MM-DD/hour=HH/<16 hex>.ndjson.gz}, named by the first 64 bits of a
 * SHA-256 over the documents' event ids, sorted.
 *
 * <p>Why: the name depends only on which events are in the object, not on their order, the time of the write or
 * the document contents. When an invocation fails after some objects were written and the platform redelivers
 * the same batch, the retry computes the same keys and overwrites those objects instead of adding copies, so
 * Athena never counts a document twice (even a pipeline fix deployed in between just replaces the content).
 */
final class ArchiveKey {
    static final String SUFFIX = ".ndjson.gz";

    private ArchiveKey() {
    }

    static String of(String prefix, ArchivePartition partition, Collection<String> eventIds) {
        return prefix + partition.path() + idsHash(eventIds) + SUFFIX;
    }

    /** 16 lowercase hex digits; the same ids in any order give the same hash. */
    static String idsHash(Collection<String> eventIds) {
        List<String> sorted = new ArrayList<>(eventIds);
        sorted.sort(null);
        MessageDigest sha = sha256();
        for (String id : sorted) {
            // Length-prefixed, so no two different id lists can encode to the same bytes.
            byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
