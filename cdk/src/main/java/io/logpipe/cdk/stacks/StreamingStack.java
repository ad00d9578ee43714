package io.logpipe.cdk.stacks;

import io.logpipe.cdk.Nag;
import io.logpipe.cdk.RepoPaths;
import io.logpipe.cdk.config.LogpipeConfig;
import io.logpipe.cdk.constructs.FailureDestination;
import io.logpipe.cdk.constructs.JavaCustomResource;
import io.logpipe.cdk.constructs.JavaFunction;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.EventSourceMapping;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.msk.CfnServerlessCluster;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * Only with {@code msk.enabled}: MSK Serverless with IAM client authentication in the private subnets, the
 * {@code app-logs} topic, and the event source mapping into the MSK processor.
 * <ul>
 *   <li>MSK Serverless has no topic resource in CloudFormation: a custom resource (topic-provisioner, Kafka
 *       AdminClient with MSK IAM auth) creates the topic, grows its partitions, and keeps it on delete.</li>
 *   <li>The MSK processor runs the same jar with {@code MskHandler}, the same environment and the same execution
 *       role as the CloudWatch processor (the role OpenSearch maps to its writer role), through its own alias
 *       {@code live} (SnapStart).</li>
 *   <li>The mapping: batch size, batching window, starting position and consumer group from config; batches that
 *       fail all retries are recorded in the failure bucket.</li>
 *   <li>The role may connect to this cluster, read this topic and use this consumer group, nothing more.</li>
 * </ul>
 */
public class StreamingStack extends Stack {

    public record Props(IVpc vpc, ProcessingStack processing, IBucket failureBucket) {
    }

    public static final String TOPIC = "app-logs";
    static final String MSK_HANDLER = "io.logpipe.processor.handler.MskHandler::handleRequest";
    static final String TOPIC_HANDLER = "io.logpipe.topics.TopicHandler::handleRequest";

    private final CfnServerlessCluster cluster;
    private final SecurityGroup clientSecurityGroup;
    private final Alias alias;
    private final EventSourceMapping mapping;
    private final JavaCustomResource topic;

    public StreamingStack(Construct scope, String id, StackProps stackProps, LogpipeConfig config, Props props) {
        super(scope, id, stackProps);
        LogpipeConfig.Msk msk = config.msk();
        IVpc vpc = props.vpc();
        String clusterName = "logpipe-" + config.env();
        String consumerGroup = "logpipe-" + config.env() + "-processor";

        // Kafka clients (ingest API, topic provisioner) carry this group. The mapping's pollers use the cluster's
        // own group, which therefore admits itself.
        clientSecurityGroup = SecurityGroup.Builder.create(this, "KafkaClientSecurityGroup").vpc(vpc)
                .description("MSK clients (ingest API, topic provisioner)").allowAllOutbound(true).build();
        SecurityGroup clusterSecurityGroup = SecurityGroup.Builder.create(this, "ClusterSecurityGroup").vpc(vpc)
                .description("MSK Serverless: Kafka over TLS with IAM (9098) from its clients").allowAllOutbound(true).build();
        clusterSecurityGroup.addIngressRule(clientSecurityGroup, Port.tcp(9098), "Kafka IAM from clients");
        clusterSecurityGroup.addIngressRule(clusterSecurityGroup, Port.tcp(9098), "Kafka IAM from the event source mapping");

        cluster = CfnServerlessCluster.Builder.create(this, "Cluster")
                .clusterName(clusterName)
                .clientAuthentication(CfnServerlessCluster.ClientAuthenticationProperty.builder()
                        .sasl(CfnServerlessCluster.SaslProperty.builder()
                                .iam(CfnServerlessCluster.IamProperty.builder().enabled(true).build()).build())
                        .build())
                .vpcConfigs(List.of(CfnServerlessCluster.VpcConfigProperty.builder()
                        .subnetIds(vpc.getIsolatedSubnets().stream().map(ISubnet::getSubnetId).toList())
                        .securityGroups(List.of(clusterSecurityGroup.getSecurityGroupId()))
                        .build()))
                .build();
        String clusterArn = cluster.getAttrArn();
        String clusterUuid = Fn.select(2, Fn.split("/", clusterArn));
        String prefix = "arn:" + Aws.PARTITION + ":kafka:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":";
        String topicArn = prefix + "topic/" + clusterName + "/" + clusterUuid + "/" + TOPIC;
        String groupArn = prefix + "group/" + clusterName + "/" + clusterUuid + "/" + consumerGroup;
        int pipelineDays = config.retentionDays().pipeline();

        JavaFunction provisioner = new JavaFunction(this, "TopicProvisioner", new JavaFunction.Props(
                RepoPaths.TOPIC_PROVISIONER_JAR, TOPIC_HANDLER,
                "logpipe: creates the app-logs topic on MSK Serverless",
                512, 180, Map.of("KAFKA_SASL", "iam"), vpc, NetworkStack.privateSubnets(),
                List.of(clientSecurityGroup), null, pipelineDays, false, null));
        provisioner.addToPolicy(PolicyStatement.Builder.create()
                .sid("BootstrapBrokers")
                .actions(List.of("kafka:GetBootstrapBrokers", "kafka-cluster:Connect", "kafka-cluster:DescribeCluster"))
                .resources(List.of(clusterArn))
                .build());
        provisioner.addToPolicy(PolicyStatement.Builder.create()
                .sid("AppLogsTopic")
                .actions(List.of("kafka-cluster:CreateTopic", "kafka-cluster:DescribeTopic", "kafka-cluster:AlterTopic"))
                .resources(List.of(topicArn))
                .build());
        topic = new JavaCustomResource(this, "AppLogsTopic", provisioner, "Custom::LogpipeKafkaTopic",
                Map.of("ClusterArn", clusterArn, "Topic", TOPIC, "Partitions", Integer.toString(msk.partitions())),
                pipelineDays);

        ProcessingStack processing = props.processing();
        JavaFunction mskProcessor = new JavaFunction(this, "MskProcessor", new JavaFunction.Props(
                RepoPaths.PROCESSOR_JAR, MSK_HANDLER,
                "logpipe processor: MSK app-logs records to OpenSearch",
                config.processor().memoryMb(), config.processor().timeoutSeconds(), processing.processorSettings(),
                vpc, NetworkStack.privateSubnets(), List.of(processing.searchClientSecurityGroup()),
                processing.processorRole(), pipelineDays, true, null));
        alias = Alias.Builder.create(this, "Live")
                .aliasName(ProcessingStack.ALIAS)
                .version(mskProcessor.function().getCurrentVersion())
                .build();

        // What the event source mapping does with the shared processor role: read this topic as this group.
        Policy readTopic = Policy.Builder.create(this, "ReadAppLogs").roles(List.of(processing.processorRole())).build();
        readTopic.addStatements(PolicyStatement.Builder.create()
                .sid("Cluster")
                .actions(List.of("kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers", "kafka-cluster:Connect",
                        "kafka-cluster:DescribeClusterDynamicConfiguration"))
                .resources(List.of(clusterArn))
                .build());
        readTopic.addStatements(PolicyStatement.Builder.create()
                .sid("Topic")
                .actions(List.of("kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"))
                .resources(List.of(topicArn))
                .build());
        readTopic.addStatements(PolicyStatement.Builder.create()
                .sid("ConsumerGroup")
                .actions(List.of("kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"))
                .resources(List.of(groupArn))
                .build());
        readTopic.addStatements(PolicyStatement.Builder.create()
                .sid("PollerNetwork")
                .actions(List.of("ec2:DescribeVpcs", "ec2:DescribeSecurityGroups"))
                .resources(List.of("*"))
                .build());
        Nag.acknowledge(readTopic, "AwsSolutions-IAM5[Resource::*]",
                "ec2:DescribeVpcs and ec2:DescribeSecurityGroups (the MSK pollers reading the cluster's network) "
                        + "support no resource-level permissions.");

        mapping = EventSourceMapping.Builder.create(this, "AppLogsMapping")
                .target(alias)
                .eventSourceArn(clusterArn)
                .kafkaTopic(TOPIC)
                .kafkaConsumerGroupId(consumerGroup)
                .batchSize(msk.batchSize())
                .maxBatchingWindow(Duration.seconds(msk.batchingWindowSeconds()))
                .startingPosition(StartingPosition.valueOf(msk.startingPosition()))
                .onFailure(FailureDestination.eventSource(props.failureBucket()))
                .supportS3OnFailureDestination(true)
                .build();
        mapping.getNode().addDependency(topic);
        mapping.getNode().addDependency(readTopic);
    }

    public CfnServerlessCluster cluster() {
        return cluster;
    }

    public String clusterArn() {
        return cluster.getAttrArn();
    }

    /** The IAM bootstrap string (host:9098,...), as the topic custom resource looked it up. */
    public String bootstrapServers() {
        return topic.attribute("BootstrapServers");
    }

    public String topicName() {
        return TOPIC;
    }

    /** Give this group to anything that produces to or consumes from the cluster (the ingest API's tasks). */
    public ISecurityGroup clientSecurityGroup() {
        return clientSecurityGroup;
    }

    public Alias processorAlias() {
        return alias;
    }

    public EventSourceMapping mapping() {
        return mapping;
    }
}
