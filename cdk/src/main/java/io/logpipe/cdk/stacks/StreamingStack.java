package io.logpipe.cdk.stacks;

import io.logpipe.cdk.config.LogpipeConfig;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.IVpc;
import software.constructs.Construct;

/** MSK Serverless (IAM auth), the app-logs topic and the event source mapping into the processor. */
public class StreamingStack extends Stack {

    public record Props(IVpc vpc, ProcessingStack processing) {
    }

    public StreamingStack(Construct scope, String id, StackProps stackProps, LogpipeConfig config, Props props) {
        super(scope, id, stackProps);
    }
}
