package io.logpipe.cdk.stacks;

import io.logpipe.cdk.config.LogpipeConfig;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.constructs.Construct;

import java.util.List;

/** The VPC: private isolated subnets only, reaching AWS services through VPC endpoints (no NAT). */
public class NetworkStack extends Stack {

    private final Vpc vpc;

    public NetworkStack(Construct scope, String id, StackProps props, LogpipeConfig config) {
        super(scope, id, props);
        this.vpc = Vpc.Builder.create(this, "Vpc")
                .maxAzs(config.vpc().maxAzs())
                .natGateways(0)
                .subnetConfiguration(List.of(SubnetConfiguration.builder()
                        .name("private").subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(22).build()))
                .build();
    }

    public IVpc vpc() {
        return vpc;
    }
}
