package io.logpipe.cdk.constructs;

import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.DestinationConfig;
import software.amazon.awscdk.services.lambda.DestinationOptions;
import software.amazon.awscdk.services.lambda.DlqDestinationConfig;
import software.amazon.awscdk.services.lambda.IDestination;
import software.amazon.awscdk.services.lambda.IEventSourceDlq;
import software.amazon.awscdk.services.lambda.IEventSourceMapping;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

import java.util.List;

/**
 * An S3 bucket as the on-failure destination of asynchronous invocations and of event source mappings. Unlike
 * the stock S3 destinations (which grant read and write on the whole bucket), binding grants nothing: the caller
 * adds {@link #writeStatements}, which allow writing under the prefix Lambda itself uses, {@code aws/lambda/},
 * and nothing else.
 */
public final class FailureDestination {

    /** Lambda writes failure records as aws/lambda/async/&lt;function&gt;/... and aws/lambda/&lt;mapping-id&gt;/... */
    public static final String LAMBDA_PREFIX = "aws/lambda/";

    private FailureDestination() {
    }

    /** For a function or alias: Lambda stores the record of an event that failed all attempts. */
    public static IDestination async(IBucket bucket) {
        return new Async(bucket);
    }

    /** For an event source mapping (MSK): the record of a batch that failed all attempts. */
    public static IEventSourceDlq eventSource(IBucket bucket) {
        return new EventSource(bucket);
    }

    /** Public (jsii calls back into it by reflection). */
    public static final class Async implements IDestination {
        private final IBucket bucket;

        Async(IBucket bucket) {
            this.bucket = bucket;
        }

        @Override
        public DestinationConfig bind(Construct scope, IFunction fn) {
            return DestinationConfig.builder().destination(bucket.getBucketArn()).build();
        }

        @Override
        public DestinationConfig bind(Construct scope, IFunction fn, DestinationOptions options) {
            return bind(scope, fn);
        }
    }

    /** Public (jsii calls back into it by reflection). */
    public static final class EventSource implements IEventSourceDlq {
        private final IBucket bucket;

        EventSource(IBucket bucket) {
            this.bucket = bucket;
        }

        @Override
        public DlqDestinationConfig bind(IEventSourceMapping target, IFunction targetHandler) {
            return DlqDestinationConfig.builder().destination(bucket.getBucketArn()).build();
        }
    }

    /**
     * What the function's role needs for Lambda to deliver the records (s3:PutObject and s3:ListBucket, per the
     * Lambda documentation), plus the bucket key when the bucket is KMS-encrypted.
     */
    public static List<PolicyStatement> writeStatements(IBucket bucket) {
        PolicyStatement put = PolicyStatement.Builder.create()
                .sid("FailureRecords")
                .actions(List.of("s3:PutObject"))
                .resources(List.of(bucket.arnForObjects(LAMBDA_PREFIX + "*")))
                .build();
        PolicyStatement list = PolicyStatement.Builder.create()
                .sid("FailureRecordsBucket")
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(bucket.getBucketArn()))
                .build();
        if (bucket.getEncryptionKey() == null) {
            return List.of(put, list);
        }
        return List.of(put, list, PolicyStatement.Builder.create()
                .sid("FailureRecordsKey")
                .actions(List.of("kms:GenerateDataKey", "kms:Encrypt"))
                .resources(List.of(bucket.getEncryptionKey().getKeyArn()))
                .build());
    }
}
