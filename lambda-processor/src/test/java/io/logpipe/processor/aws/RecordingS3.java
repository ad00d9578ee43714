package io.logpipe.processor.aws;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory {@link S3Client} for the sinks' unit tests (dead letters, archive): records every PutObject
 * request and body, fails with {@link #failure} when set, and notes {@link #close()}. The S3 wire itself is
 * covered by the S3Proxy and moto ITs.
 */
public final class RecordingS3 implements S3Client {
    public final List<PutObjectRequest> requests = new ArrayList<>();
    public final List<byte[]> bodies = new ArrayList<>();
    public RuntimeException failure;
    public boolean closed;

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        if (failure != null) {
            throw failure;
        }
        requests.add(request);
        try (var in = body.contentStreamProvider().newStream()) {
            bodies.add(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PutObjectResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "s3";
    }

    @Override
    public void close() {
        closed = true;
    }
}
