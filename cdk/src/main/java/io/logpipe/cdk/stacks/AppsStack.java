package io.logpipe.cdk.stacks;

import io.logpipe.cdk.RepoPaths;
import io.logpipe.cdk.config.LogpipeConfig;
import io.logpipe.cdk.constructs.Retention;
import io.logpipe.cdk.Nag;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.CloudMapNamespaceOptions;
import software.amazon.awscdk.services.ecs.CloudMapOptions;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerDependency;
import software.amazon.awscdk.services.ecs.ContainerDependencyCondition;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.FireLensLogDriverProps;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.FirelensConfig;
import software.amazon.awscdk.services.ecs.FirelensConfigFileType;
import software.amazon.awscdk.services.ecs.FirelensLogRouter;
import software.amazon.awscdk.services.ecs.FirelensLogRouterDefinitionOptions;
import software.amazon.awscdk.services.ecs.FirelensLogRouterType;
import software.amazon.awscdk.services.ecs.FirelensOptions;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.servicediscovery.DnsRecordType;
import software.constructs.Construct;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The applications on ECS Fargate: the sample log service and the ingestion API, each with a FireLens log router
 * (AWS for Fluent Bit) that ships the service's stdout to its own CloudWatch Logs group, the group ProcessingStack
 * subscribes, with Java and Python stack traces joined into one event. Tasks run in private subnets without public
 * IPs; the ingestion API is reachable inside the VPC through Cloud Map DNS.
 */
public class AppsStack extends Stack {
    public static final String SAMPLE_APP = "sample-app";
    public static final String INGEST_API = "ingest-api";
    public static final int SAMPLE_APP_PORT = 8080;
    public static final int INGEST_API_PORT = 8081;
    /** The filter file baked into the router image (cdk/firelens/). */
    public static final String FIRELENS_CONFIG = "/fluent-bit/etc/logpipe-multiline.conf";
    /** Build context of the app images is the repository; everything build output or VCS is left out. */
    static final List<String> DOCKER_EXCLUDES = List.of("**/target", ".git", "node_modules", "cdk.out", "**/cdk.out");
    /**
     * The images' Docker HEALTHCHECK commands, which ECS ignores: a probe class in the service jar that GETs
     * /health on the image's $PORT (the JRE image has no curl). C1 only: the probe JVM starts faster.
     */
    static final Map<String, List<String>> HEALTH_COMMANDS = Map.of(
            SAMPLE_APP, List.of("CMD", "java", "-XX:TieredStopAtLevel=1", "-cp", "/app/sample-app.jar",
                    "io.logpipe.sample.HealthCheck"),
            INGEST_API, List.of("CMD", "java", "-XX:TieredStopAtLevel=1", "-cp", "/app/logpipe-ingest-api.jar",
                    "io.logpipe.ingest.HealthProbe"));
    /** Each probe starts a JVM, which on a quarter vCPU takes seconds: a generous timeout, not a frequent one. */
    static final int HEALTH_INTERVAL_SECONDS = 30;
    static final int HEALTH_TIMEOUT_SECONDS = 10;
    static final int HEALTH_RETRIES = 3;
    /** Failures in this window do not count: JVM start, and for ingest-api the first Kafka metadata over IAM auth. */
    static final int HEALTH_START_PERIOD_SECONDS = 60;

    /**
     * @param vpc       the network's VPC (private subnets and the endpoints that replace a NAT)
     * @param streaming MSK Serverless and the app-logs topic, or null when msk.enabled is false (then there is no
     *                  ingestion API: it only produces to Kafka)
     */
    public record Props(IVpc vpc, StreamingStack streaming) {
    }

    private final Cluster cluster;
    private final Map<String, FargateService> services = new LinkedHashMap<>();

    public AppsStack(Construct scope, String id, StackProps stackProps, LogpipeConfig config, Props props) {
        super(scope, id, stackProps);
        String env = config.env();
        cluster = Cluster.Builder.create(this, "Cluster")
                .clusterName("logpipe-" + env)
                .vpc(props.vpc())
                .containerInsightsV2(ContainerInsights.ENABLED)
                .defaultCloudMapNamespace(CloudMapNamespaceOptions.builder()
                        .name("logpipe-" + env + ".internal").vpc(props.vpc()).build())
                .build();
        ContainerImage router = ContainerImage.fromAsset(RepoPaths.root().resolve("cdk/firelens").toString(),
                AssetImageProps.builder().platform(Platform.LINUX_AMD64).build());

        LogpipeConfig.App sample = config.apps().sampleApp();
        Map<String, String> sampleEnv = new LinkedHashMap<>();
        sampleEnv.put("SERVICE_NAME", SAMPLE_APP);
        sampleEnv.put("LOG_FORMAT", sample.logFormat() == null ? "json" : sample.logFormat());
        sampleEnv.put("LOG_LEVEL", "INFO");
        sampleEnv.put("LOG_FREQUENCY", "5");
        FargateTaskDefinition sampleTask = task(config, SAMPLE_APP, sample, SAMPLE_APP_PORT, sampleEnv, router);
        services.put(SAMPLE_APP, service(props, SAMPLE_APP, sampleTask, sample, SAMPLE_APP_PORT, false, null));

        if (props.streaming() != null) {
            StreamingStack streaming = props.streaming();
            LogpipeConfig.App ingest = config.apps().ingestApi();
            Map<String, String> ingestEnv = new LinkedHashMap<>();
            ingestEnv.put("KAFKA_BOOTSTRAP_SERVERS", streaming.bootstrapServers());
            ingestEnv.put("KAFKA_TOPIC", streaming.topicName());
            ingestEnv.put("KAFKA_SASL", "iam");
            FargateTaskDefinition ingestTask = task(config, INGEST_API, ingest, INGEST_API_PORT, ingestEnv, router);
            grantProduce(ingestTask, streaming.clusterArn());
            services.put(INGEST_API, service(props, INGEST_API, ingestTask, ingest, INGEST_API_PORT, true,
                    streaming.clientSecurityGroup()));
        }
    }

    private FargateTaskDefinition task(LogpipeConfig config, String name, LogpipeConfig.App app, int port,
                                       Map<String, String> environment, ContainerImage routerImage) {
        FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, name + "-task")
                .family("logpipe-" + config.env() + "-" + name)
                .cpu(app.cpu())
                .memoryLimitMiB(app.memoryMb())
                .runtimePlatform(RuntimePlatform.builder().cpuArchitecture(CpuArchitecture.X86_64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX).build())
                .build();

        // The router's own diagnostics; the service's logs go to the subscribed group below.
        LogGroup routerLogs = LogGroup.Builder.create(this, name + "-router-logs")
                .retention(Retention.of(config.retentionDays().pipeline()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        FirelensLogRouter logRouter = task.addFirelensLogRouter(name + "-log-router", FirelensLogRouterDefinitionOptions.builder()
                .containerName("log-router")
                .image(routerImage)
                .essential(true)
                .memoryReservationMiB(50)
                .firelensConfig(FirelensConfig.builder()
                        .type(FirelensLogRouterType.FLUENTBIT)
                        .options(FirelensOptions.builder()
                                .enableEcsLogMetadata(true)
                                .configFileType(FirelensConfigFileType.FILE)
                                .configFileValue(FIRELENS_CONFIG)
                                .build())
                        .build())
                .logging(LogDrivers.awsLogs(AwsLogDriverProps.builder().logGroup(routerLogs).streamPrefix("router").build()))
                .build());

        ILogGroup serviceLogs = serviceLogGroup(config, name);
        Map<String, String> output = new LinkedHashMap<>();
        output.put("Name", "cloudwatch_logs");
        output.put("region", getRegion());
        output.put("log_group_name", serviceLogs.getLogGroupName());
        output.put("log_stream_prefix", name + "/");
        output.put("auto_create_group", "false");
        output.put("retry_limit", "5");
        ContainerDefinition service = task.addContainer(name, ContainerDefinitionOptions.builder()
                .containerName(name)
                .image(ContainerImage.fromAsset(RepoPaths.root().toString(), AssetImageProps.builder()
                        .file(dockerfile(name))
                        .exclude(DOCKER_EXCLUDES)
                        .platform(Platform.LINUX_AMD64)
                        .build()))
                .essential(true)
                .environment(environment)
                .portMappings(List.of(PortMapping.builder().containerPort(port).build()))
                .logging(LogDrivers.firelens(FireLensLogDriverProps.builder().options(output).build()))
                // ECS restarts a task whose app stops answering /health (the image's HEALTHCHECK alone is ignored).
                .healthCheck(HealthCheck.builder()
                        .command(healthCommand(name))
                        .interval(Duration.seconds(HEALTH_INTERVAL_SECONDS))
                        .timeout(Duration.seconds(HEALTH_TIMEOUT_SECONDS))
                        .retries(HEALTH_RETRIES)
                        .startPeriod(Duration.seconds(HEALTH_START_PERIOD_SECONDS))
                        .build())
                .build());
        // The router must be up before the app writes its first line, and stops after it (ECS reverses the order
        // on shutdown). START, as FireLens recommends: the router has no health check of its own to wait for.
        service.addContainerDependencies(ContainerDependency.builder()
                .container(logRouter).condition(ContainerDependencyCondition.START).build());
        // FireLens runs with the task role: it may write to this service's group and nothing else.
        serviceLogs.grantWrite(task.getTaskRole());
        Nag.acknowledge(task.getTaskRole().getNode().findChild("DefaultPolicy"),
                "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:"
                        + config.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().logGroup()
                        + ":*]",
                "The FireLens router creates and writes log streams (named per task) in this service's own log group "
                        + "only; the :* suffix is how IAM names the streams of one group.");
        Nag.acknowledge(task.getExecutionRole().getNode().findChild("DefaultPolicy"), "AwsSolutions-IAM5[Resource::*]",
                "ecr:GetAuthorizationToken has no resource-level permissions (AWS requires *); the image pulls "
                        + "themselves are scoped to the asset repository.");
        Nag.acknowledge(task.getNode().getDefaultChild(), "AwsSolutions-ECS2",
                "Plain, non-secret settings (service name, log format, Kafka endpoint and topic); no secrets "
                        + "are passed in the environment.");
        return task;
    }

    /** The group ProcessingStack creates and subscribes (config {@code services}), referenced by name. */
    private ILogGroup serviceLogGroup(LogpipeConfig config, String name) {
        LogpipeConfig.Service service = config.services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("services has no entry named " + name
                        + ": its log group is where FireLens ships the " + name + " logs"));
        return LogGroup.fromLogGroupName(this, name + "-logs", service.logGroup());
    }

    private static List<String> healthCommand(String name) {
        List<String> command = HEALTH_COMMANDS.get(name);
        if (command == null) {
            throw new IllegalArgumentException("no health check command for " + name);
        }
        return command;
    }

    private static String dockerfile(String name) {
        String file = name + "/Dockerfile";
        if (!Files.isRegularFile(RepoPaths.root().resolve(file))) {
            throw new IllegalStateException(file + " is missing: the " + name + " image is built from it");
        }
        return file;
    }

    private FargateService service(Props props, String name, FargateTaskDefinition task, LogpipeConfig.App app,
                                   int port, boolean discoverable, ISecurityGroup kafkaClients) {
        SecurityGroup group = SecurityGroup.Builder.create(this, name + "-sg")
                .vpc(props.vpc())
                .description("logpipe " + name + " tasks")
                .allowAllOutbound(true)
                .build();
        if (discoverable) {
            group.addIngressRule(Peer.ipv4(NetworkStack.CIDR), Port.tcp(port), name + " from inside the VPC");
        }
        FargateService.Builder b = FargateService.Builder.create(this, name + "-service")
                .serviceName(name)
                .cluster(cluster)
                .taskDefinition(task)
                .desiredCount(app.desiredCount())
                .assignPublicIp(false)
                .vpcSubnets(NetworkStack.privateSubnets())
                // the Kafka client group is the one the MSK cluster admits on 9098
                .securityGroups(kafkaClients == null ? List.of(group) : List.of(group, kafkaClients))
                .minHealthyPercent(100)
                .circuitBreaker(software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker.builder()
                        .enable(true).rollback(true).build());
        if (discoverable) {
            b.cloudMapOptions(CloudMapOptions.builder().name(name).dnsRecordType(DnsRecordType.A)
                    .dnsTtl(Duration.seconds(10)).build());
        }
        return b.build();
    }

    /** MSK IAM auth for a producer of app-logs: connect, describe and write the one topic (idempotent producer). */
    private void grantProduce(FargateTaskDefinition task, String clusterArn) {
        String topicArn = Fn.join("", List.of(Fn.select(0, Fn.split(":cluster/", clusterArn)), ":topic/",
                Fn.select(1, Fn.split(":cluster/", clusterArn)), "/" + StreamingStack.TOPIC));
        task.getTaskRole().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kafka-cluster:Connect", "kafka-cluster:WriteDataIdempotently"))
                .resources(List.of(clusterArn)).build());
        task.getTaskRole().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"))
                .resources(List.of(topicArn)).build());
    }

    public Cluster cluster() {
        return cluster;
    }

    /** By service name; ingest-api only when MSK is enabled (it produces to the app-logs topic). */
    public Map<String, FargateService> services() {
        return Map.copyOf(services);
    }
}
