package io.logpipe.processor.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The Lambda's S3 client (dead letters and the data-lake archive): {@link AwsClients}' shared setup plus
 * whole-payload signing and path-style addressing for S3-compatible endpoints.
 */
public final class S3Clients {
    private S3Clients() {
    }

    public static S3Client create(AwsClientSettings settings) {
        return create(settings, null, List.of());
    }

    /** With explicit credentials (null: default chain) and interceptors (tests, local endpoints). */
    public static S3Client create(AwsClientSettings settings, AwsCredentialsProvider credentials,
                                  List<ExecutionInterceptor> interceptors) {
        S3ClientBuilder b = AwsClients.configure(S3Client.builder(), settings, credentials, interceptors)
                // The body is already in memory: over plain http (local S3-compatible endpoints) sign it whole
                // rather than as aws-chunked frames, which such servers may store verbatim in Content-Encoding.
                // Over https the SDK sends UNSIGNED-PAYLOAD either way.
                .serviceConfiguration(s3 -> s3.chunkedEncodingEnabled(false));
        if (settings.endpoint() != null) {
            b.forcePathStyle(true);
        }
        return b.build();
    }

    /**
     * The base64 CRC32 of a body for {@code x-amz-checksum-crc32}: precomputed, it travels as a plain header that
     * S3 verifies; left to the SDK it would be an aws-chunked trailer, which S3-compatible stores (and local test
     * servers) often cannot read.
     */
    public static String crc32(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
