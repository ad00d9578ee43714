package io.logpipe.cdk.stacks;

import io.logpipe.cdk.config.LogpipeConfig;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.IVpc;
import software.constructs.Construct;

/** The OpenSearch Service domain and its bootstrap (template, ISM policy, role mapping). */
public class SearchStack extends Stack {

    /** What the search stack needs from earlier stacks. */
    public record Props(IVpc vpc) {
    }

    public SearchStack(Construct scope, String id, StackProps stackProps, LogpipeConfig config, Props props) {
        super(scope, id, stackProps);
    }
}
