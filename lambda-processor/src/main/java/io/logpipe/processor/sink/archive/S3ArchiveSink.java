package io.logpipe.processor.sink.archive;

import io.logpipe.processor.aws.S3Clients;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.sink.Deadline;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the lake straight to S3 (the local run and tests; in AWS, Firehose does this): per call, ONE gzip NDJSON
 * object per partition, {@code <prefix>service=<svc>/dt=YYYY-MM-DD/hour=HH/<16 hex>.ndjson.gz}, each line one
 * document exactly as OpenSearch receives it.
 *
 * <p>Idempotent per batch: the key hashes the sorted event ids of the object's documents ({@link ArchiveKey}),
 * so a redelivered batch overwrites the objects it already wrote and Athena never double-counts. That holds when
 * the redelivery carries the same events (CloudWatch Logs retries the same event); a Kafka batch re-formed with
 * different boundaries writes objects under new keys, so queries that must be exact dedupe on {@code event.id}.
 *
 * <p>Every object is encrypted at rest: SSE-KMS with the configured key, otherwise SSE-S3 (AES256), requested
 * explicitly rather than trusting the bucket default. Retries are the SDK's standard mode, bounded by the client
 * settings and by the deadline; when they run out {@link #archive} throws {@link ArchiveUnavailableException}, the
 * invocation fails and the batch is redelivered: nothing is lost, and objects already written are overwritten.
 * Partitions are written one after another (a batch rarely spans more than a few).
 */
public final class S3ArchiveSink implements ArchiveSink {
    static final String CONTENT_TYPE = "application/x-ndjson";
    static final String CONTENT_ENCODING = "gzip";

    private final S3Client s3;
    private final S3ArchiveConfig config;
    private final ArchiveEncoder encoder = new ArchiveEncoder();

    public S3ArchiveSink(S3ArchiveConfig config) {
        this(S3Clients.create(config.client()), config);
    }

    /** Takes ownership of {@code s3}: {@link #close()} closes it. */
    public S3ArchiveSink(S3Client s3, S3ArchiveConfig config) {
        this.s3 = s3;
        this.config = config;
    }

    @Override
    public ArchiveResult archive(List<LogEvent> documents, Deadline deadline) throws ArchiveUnavailableException {
        ArchiveEncoder.Encoded encoded = encoder.encode(documents);
        Map<ArchivePartition, List<EncodedDocument>> partitions = new LinkedHashMap<>();
        for (EncodedDocument d : encoded.documents()) {
            partitions.computeIfAbsent(d.partition(), p -> new ArrayList<>()).add(d);
        }
        int total = encoded.documents().size();
        int archived = 0;
        for (Map.Entry<ArchivePartition, List<EncodedDocument>> p : partitions.entrySet()) {
            List<EncodedDocument> docs = p.getValue();
            String key = ArchiveKey.of(config.prefix(), p.getKey(), docs.stream().map(EncodedDocument::id).toList());
            long remaining = deadline.remainingMillis();
            if (remaining <= 0) {
                throw new ArchiveUnavailableException("no time left to store " + (total - archived)
                        + " documents under s3://" + config.bucket() + "/" + config.prefix(), archived,
                        total - archived, null);
            }
            byte[] body = gzipNdjson(docs);
            try {
                s3.putObject(request(key, body, docs.size(), remaining), RequestBody.fromBytes(body));
            } catch (SdkException e) {
                throw new ArchiveUnavailableException("could not store " + docs.size() + " documents at s3://"
                        + config.bucket() + "/" + key + ": " + e.getMessage(), archived, total - archived, e);
            }
            archived += docs.size();
        }
        return new ArchiveResult(archived, encoded.rejected());
    }

    private PutObjectRequest request(String key, byte[] body, int documents, long remainingMillis) {
        PutObjectRequest.Builder b = PutObjectRequest.builder()
                .bucket(config.bucket())
                .key(key)
                .contentType(CONTENT_TYPE)
                .contentEncoding(CONTENT_ENCODING)
                .contentLength((long) body.length)
                .checksumCRC32(S3Clients.crc32(body))
                .metadata(Map.of("documents", Integer.toString(documents)))
                // All attempts of this put must end before the invocation's deadline.
                .overrideConfiguration(o -> o.apiCallTimeout(config.client().callTimeoutWithin(remainingMillis)));
        if (config.kmsKeyId() != null) {
            b.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(config.kmsKeyId());
        } else {
            b.serverSideEncryption(ServerSideEncryption.AES256);
        }
        return b.build();
    }

    static byte[] gzipNdjson(List<EncodedDocument> documents) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (OutputStream out = new GZIPOutputStream(bytes, 8192)) {
            for (EncodedDocument d : documents) {
                out.write(d.json());
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot gzip documents", e);   // in memory: does not happen
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        s3.close();
    }

    @Override
    public String toString() {
        return "S3ArchiveSink[s3://" + config.bucket() + "/" + config.prefix() + ", "
                + (config.kmsKeyId() == null ? "SSE-S3" : "SSE-KMS") + "]";
    }
}
