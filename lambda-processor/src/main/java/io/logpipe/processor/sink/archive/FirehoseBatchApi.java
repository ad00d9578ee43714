package io.logpipe.processor.sink.archive;

import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;

/**
 * The one Firehose call the archive makes, as a seam: {@code FirehoseClient::putRecordBatch} in production, a
 * scripted fake in tests (local servers cannot report per-record failures on demand).
 */
@FunctionalInterface
public interface FirehoseBatchApi {

    /**
     * @return per-record outcomes, in request order ({@code errorCode} set on the records that failed)
     * @throws software.amazon.awssdk.core.exception.SdkException when the call as a whole failed after the
     *         client's own retries
     */
    PutRecordBatchResponse putRecordBatch(PutRecordBatchRequest request);
}
