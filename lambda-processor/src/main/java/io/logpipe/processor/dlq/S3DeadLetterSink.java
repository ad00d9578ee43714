package io.logpipe.processor.dlq;

import io.logpipe.processor.model.DeadLetter;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Stores each batch of dead letters as ONE S3 object: gzip NDJSON of {@link DeadLetterJson} records under
 * {@code <prefix>dt=YYYY-MM-DD/hour=HH/<content hash>.ndjson.gz} (see {@link S3DeadLetterKey}: a redelivered
 * batch overwrites its own object within the hour instead of duplicating it).
 *
 * <p>Every object is encrypted at rest: SSE-KMS with the configured key, otherwise SSE-S3 (AES256), requested
 * explicitly rather than trusting the bucket default, because originals may hold unredacted secrets. Retries are
 * the SDK's standard mode, bounded by the config; when they run out {@link #accept} throws
 * {@link DeadLetterStoreException}, failing the invocation so the batch is redelivered and nothing is lost.
 */
public final class S3DeadLetterSink implements DeadLetterSink {
    static final String CONTENT_TYPE = "application/x-ndjson";
    static final String CONTENT_ENCODING = "gzip";

    private final S3Client s3;
    private final S3DeadLetterConfig config;
    private final Clock clock;
    private final DeadLetterJson json = new DeadLetterJson();

    public S3DeadLetterSink(S3DeadLetterConfig config) {
        this(S3DeadLetterClients.create(config), config, Clock.systemUTC());
    }

    /** Takes ownership of {@code s3}: {@link #close()} closes it. */
    public S3DeadLetterSink(S3Client s3, S3DeadLetterConfig config, Clock clock) {
        this.s3 = s3;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void accept(List<DeadLetter> deadLetters) {
        if (deadLetters.isEmpty()) {
            return;
        }
        String key = S3DeadLetterKey.of(config.prefix(), deadLetters, clock.instant());
        byte[] body = GzipNdjson.encode(deadLetters, json);
        try {
            s3.putObject(request(key, body, deadLetters.size()), RequestBody.fromBytes(body));
        } catch (SdkException e) {
            throw new DeadLetterStoreException("could not store " + deadLetters.size() + " dead letters at s3://"
                    + config.bucket() + "/" + key + ": " + e.getMessage(), e);
        }
    }

    private PutObjectRequest request(String key, byte[] body, int records) {
        PutObjectRequest.Builder b = PutObjectRequest.builder()
                .bucket(config.bucket())
                .key(key)
                .contentType(CONTENT_TYPE)
                .contentEncoding(CONTENT_ENCODING)
                .contentLength((long) body.length)
                // A precomputed CRC32 travels as a plain header that S3 verifies; left to the SDK it would be an
                // aws-chunked trailer, which S3-compatible stores (and local test servers) often cannot read.
                .checksumCRC32(crc32(body))
                .metadata(Map.of("dead-letters", Integer.toString(records)));
        if (config.kmsKeyId() != null) {
            b.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(config.kmsKeyId());
        } else {
            b.serverSideEncryption(ServerSideEncryption.AES256);
        }
        return b.build();
    }

    private static String crc32(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Override
    public void close() {
        s3.close();
    }

    @Override
    public String toString() {
        return "S3DeadLetterSink[s3://" + config.bucket() + "/" + config.prefix() + ", "
                + (config.kmsKeyId() == null ? "SSE-S3" : "SSE-KMS") + "]";
    }
}
