package io.logpipe.processor.sink.archive;

import io.logpipe.processor.aws.AwsClientSettings;

import java.util.Map;
import java.util.Objects;

/**
 * Where and how {@link S3ArchiveSink} stores documents, parsed once at init.
 *
 * @param bucket   the lake bucket ({@code LOGPIPE_ARCHIVE_BUCKET})
 * @param prefix   key prefix ({@code LOGPIPE_ARCHIVE_PREFIX}), {@code logs/structured/} by default; empty or
 *                 ending in {@code /}
 * @param kmsKeyId SSE-KMS key id or ARN ({@code LOGPIPE_ARCHIVE_KMS_KEY_ID}); null means SSE-S3 (AES256),
 *                 requested explicitly either way
 * @param client   region, endpoint ({@code LOGPIPE_S3_ENDPOINT}), retries and timeouts of the S3 client
 */
public record S3ArchiveConfig(String bucket, String prefix, String kmsKeyId, AwsClientSettings client) {
    public static final String DEFAULT_PREFIX = "logs/structured/";

    public S3ArchiveConfig {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("LOGPIPE_ARCHIVE_BUCKET is required for the S3 archive");
        }
        bucket = bucket.trim();
        prefix = normalizePrefix(prefix);
        kmsKeyId = kmsKeyId == null || kmsKeyId.isBlank() ? null : kmsKeyId.trim();
        Objects.requireNonNull(client, "client");
    }

    public static S3ArchiveConfig of(String bucket, AwsClientSettings client) {
        return new S3ArchiveConfig(bucket, DEFAULT_PREFIX, null, client);
    }

    /**
     * From {@code LOGPIPE_ARCHIVE_BUCKET} (required), {@code LOGPIPE_ARCHIVE_PREFIX},
     * {@code LOGPIPE_ARCHIVE_KMS_KEY_ID}, {@code LOGPIPE_S3_ENDPOINT} and {@code AWS_REGION}.
     */
    public static S3ArchiveConfig fromEnv(Map<String, String> env) {
        String bucket = env.get("LOGPIPE_ARCHIVE_BUCKET");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("LOGPIPE_ARCHIVE=s3 needs LOGPIPE_ARCHIVE_BUCKET");
        }
        return new S3ArchiveConfig(bucket, env.getOrDefault("LOGPIPE_ARCHIVE_PREFIX", DEFAULT_PREFIX),
                env.get("LOGPIPE_ARCHIVE_KMS_KEY_ID"),
                AwsClientSettings.fromEnv(env, "LOGPIPE_S3_ENDPOINT", "the S3 archive"));
    }

    public S3ArchiveConfig withBucket(String v) {
        return new S3ArchiveConfig(v, prefix, kmsKeyId, client);
    }

    public S3ArchiveConfig withPrefix(String v) {
        return new S3ArchiveConfig(bucket, v, kmsKeyId, client);
    }

    public S3ArchiveConfig withKmsKeyId(String v) {
        return new S3ArchiveConfig(bucket, prefix, v, client);
    }

    public S3ArchiveConfig withClient(AwsClientSettings v) {
        return new S3ArchiveConfig(bucket, prefix, kmsKeyId, v);
    }

    private static String normalizePrefix(String prefix) {
        String p = prefix == null ? DEFAULT_PREFIX : prefix.trim();
        while (p.startsWith("/")) {             // a leading slash would make an empty first path segment
            p = p.substring(1);
        }
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }
}
