package io.logpipe.processor.config;

/**
 * Every size the processor accepts is bounded here, so a hostile input costs bounded memory and time.
 *
 * @param maxEventBytes        largest Lambda event accepted (Lambda itself caps sync payloads at 6 MB)
 * @param maxDecompressedBytes largest inflated CloudWatch payload; a gzip bomb stops here
 * @param maxMessageChars      messages longer than this are truncated with a marker
 * @param maxJsonDepth         JSON records nested deeper than this degrade to text
 * @param maxJsonFields        JSON records with more fields (all levels) degrade to text
 * @param maxJoinedChars       a multi-line (stack trace) group stops growing at this size
 * @param maxAttributeChars    attribute string values are truncated here: OpenSearch's flat_object indexes each
 *                             value as one term, and a term over 32,766 UTF-8 bytes rejects the whole document
 */
public record Limits(
        int maxEventBytes,
        int maxDecompressedBytes,
        int maxMessageChars,
        int maxJsonDepth,
        int maxJsonFields,
        int maxJoinedChars,
        int maxAttributeChars) {

    public Limits {
        requirePositive(maxEventBytes, "maxEventBytes");
        requirePositive(maxDecompressedBytes, "maxDecompressedBytes");
        requirePositive(maxMessageChars, "maxMessageChars");
        requirePositive(maxJsonDepth, "maxJsonDepth");
        requirePositive(maxJsonFields, "maxJsonFields");
        requirePositive(maxJoinedChars, "maxJoinedChars");
        requirePositive(maxAttributeChars, "maxAttributeChars");
        if (maxAttributeChars > 10_000) {
            throw new IllegalArgumentException("maxAttributeChars above 10000 can exceed OpenSearch's 32766-byte term limit");
        }
    }

    public static Limits defaults() {
        return new Limits(8 << 20, 16 << 20, 32_768, 20, 1_000, 65_536, 8_192);
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
