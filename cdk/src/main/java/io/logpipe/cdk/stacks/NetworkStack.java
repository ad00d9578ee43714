package io.logpipe.cdk.stacks;

import io.logpipe.cdk.config.LogpipeConfig;
import io.logpipe.cdk.constructs.Retention;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The VPC: private isolated subnets only (no internet gateway, no NAT), one per availability zone. AWS services
 * are reached through VPC endpoints, only those the pipeline calls from inside the VPC (each interface endpoint
 * costs per hour and AZ): S3 (gateway, free) for the lake, dead letters and ECR image layers; CloudWatch Logs
 * for the Fargate tasks and FireLens; ECR API and Docker for pulling the app images; Firehose for the processor's
 * archive; STS and Lambda for the MSK event source mapping and the MSK API for the topic provisioner (only with MSK); Secrets Manager only once an alert
 * secret is configured. VPC flow logs go to CloudWatch Logs with the audit retention.
 */
public class NetworkStack extends Stack {

    /** Interface endpoints by construct id, in a fixed order (synthesis stays deterministic). */
    public static Map<String, InterfaceVpcEndpointAwsService> interfaceEndpoints(LogpipeConfig config) {
        Map<String, InterfaceVpcEndpointAwsService> out = new LinkedHashMap<>();
        out.put("Logs", InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS);
        out.put("EcrApi", InterfaceVpcEndpointAwsService.ECR);
        out.put("EcrDocker", InterfaceVpcEndpointAwsService.ECR_DOCKER);
        out.put("Firehose", InterfaceVpcEndpointAwsService.KINESIS_FIREHOSE);
        if (config.msk().enabled()) {
            out.put("Sts", InterfaceVpcEndpointAwsService.STS);
            out.put("Lambda", InterfaceVpcEndpointAwsService.LAMBDA);
            out.put("Kafka", InterfaceVpcEndpointAwsService.KAFKA);
        }
        if (config.alerts().slackWebhookSecretName() != null || config.alerts().pagerDutySecretName() != null
                || config.redaction().hashed()) {
            out.put("SecretsManager", InterfaceVpcEndpointAwsService.SECRETS_MANAGER);
        }
        return out;
    }

    /** The VPC's range; written out (not read back from the VPC) so security group rules name it literally. */
    public static final String CIDR = "10.40.0.0/16";

    private final Vpc vpc;

    public NetworkStack(Construct scope, String id, StackProps props, LogpipeConfig config) {
        super(scope, id, props);
        // Environment-agnostic stacks see only two AZs by default; name as many as configured, resolved at deploy.
        List<String> azs = new ArrayList<>();
        for (int i = 0; i < config.vpc().maxAzs(); i++) {
            azs.add(Fn.select(i, Fn.getAzs()));
        }
        this.vpc = Vpc.Builder.create(this, "Vpc")
                .ipAddresses(IpAddresses.cidr(CIDR))
                .availabilityZones(azs)
                .natGateways(0)
                .subnetConfiguration(List.of(SubnetConfiguration.builder()
                        .name("private").subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(20).build()))
                .restrictDefaultSecurityGroup(false)
                .build();

        LogGroup flowLogs = LogGroup.Builder.create(this, "FlowLogs")
                .retention(Retention.of(config.retentionDays().audit()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        vpc.addFlowLog("FlowLog", FlowLogOptions.builder()
                .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
                .trafficType(FlowLogTrafficType.ALL)
                .build());

        SubnetSelection isolated = SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();
        vpc.addGatewayEndpoint("S3", GatewayVpcEndpointOptions.builder()
                .service(GatewayVpcEndpointAwsService.S3).subnets(List.of(isolated)).build());
        // One group for all interface endpoints: HTTPS from inside the VPC, nothing else.
        SecurityGroup endpoints = SecurityGroup.Builder.create(this, "EndpointSecurityGroup").vpc(vpc)
                .description("Interface VPC endpoints: HTTPS from the VPC").allowAllOutbound(false).build();
        endpoints.addIngressRule(Peer.ipv4(CIDR), Port.tcp(443), "HTTPS from the VPC");
        interfaceEndpoints(config).forEach((name, service) -> vpc.addInterfaceEndpoint(name,
                InterfaceVpcEndpointOptions.builder().service(service).subnets(isolated).privateDnsEnabled(true)
                        .securityGroups(List.of(endpoints)).open(false).build()));
    }

    public IVpc vpc() {
        return vpc;
    }

    /** Where every pipeline resource with a network interface goes. */
    public static SubnetSelection privateSubnets() {
        return SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();
    }
}
