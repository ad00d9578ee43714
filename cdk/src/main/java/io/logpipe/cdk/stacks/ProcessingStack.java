package io.logpipe.cdk.stacks;

import io.logpipe.cdk.config.LogpipeConfig;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/** The processor Lambda, its alias and every way logs reach it (subscription filters or an account policy). */
public class ProcessingStack extends Stack {

    /**
     * @param failureBucket  receives failed async invocations and the processor's dead letters (prefixes below)
     * @param rawFirehoseArn the raw-archive Firehose stream fed by a second subscription filter, or null for none
     */
    public record Props(IVpc vpc, SearchStack search, IBucket failureBucket, String rawFirehoseArn) {
    }

    public ProcessingStack(Construct scope, String id, StackProps stackProps, LogpipeConfig config, Props props) {
        super(scope, id, stackProps);
    }
}
