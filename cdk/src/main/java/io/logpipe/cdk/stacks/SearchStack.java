package io.logpipe.cdk.stacks;

import io.logpipe.cdk.Nag;
import io.logpipe.cdk.RepoPaths;
import io.logpipe.cdk.config.LogpipeConfig;
import io.logpipe.cdk.constructs.JavaCustomResource;
import io.logpipe.cdk.constructs.JavaFunction;
import io.logpipe.cdk.constructs.Retention;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.ResourcePolicy;
import software.amazon.awscdk.services.opensearchservice.AdvancedSecurityOptions;
import software.amazon.awscdk.services.opensearchservice.CapacityConfig;
import software.amazon.awscdk.services.opensearchservice.CfnDomain;
import software.amazon.awscdk.services.opensearchservice.Domain;
import software.amazon.awscdk.services.opensearchservice.EbsOptions;
import software.amazon.awscdk.services.opensearchservice.EncryptionAtRestOptions;
import software.amazon.awscdk.services.opensearchservice.EngineVersion;
import software.amazon.awscdk.services.opensearchservice.IDomain;
import software.amazon.awscdk.services.opensearchservice.LoggingOptions;
import software.amazon.awscdk.services.opensearchservice.TLSSecurityPolicy;
import software.amazon.awscdk.services.opensearchservice.ZoneAwarenessConfig;
import software.amazon.awscdk.services.ec2.EbsDeviceVolumeType;
import software.constructs.Construct;
import software.constructs.IConstruct;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Amazon OpenSearch Service domain and its bootstrap.
 * <ul>
 *   <li>Newest engine, in the VPC's private subnets behind a security group that admits HTTPS from the VPC only.</li>
 *   <li>Fine-grained access control with an IAM master role (no passwords): the bootstrap function's role. The
 *       domain's access policy admits this account's IAM principals to the HTTP API; which of them may do what is
 *       decided by their IAM policies and, inside the cluster, by the security plugin's role mappings.</li>
 *   <li>Encryption at rest with a customer-managed key (rotated), node-to-node encryption, HTTPS only, TLS 1.2+
 *       with perfect forward secrecy.</li>
 *   <li>Slow search, slow index, application (error) and audit logs in CloudWatch Logs with the pipeline-tier
 *       retention (audit: audit tier).</li>
 *   <li>Zone awareness and dedicated master nodes as configured (on in prod).</li>
 *   <li>A custom resource runs the processor's {@code IndexBootstrapper} on every deployment (template, ISM
 *       policy, writer role and its mapping to the processor's IAM role, data stream).</li>
 * </ul>
 * The processor's role has a fixed name ({@link #processorRoleName}) so the mapping can name it here, before
 * the Processing stack creates it, without the two stacks depending on each other.
 */
public class SearchStack extends Stack {

    /** What the search stack needs from earlier stacks. */
    public record Props(IVpc vpc) {
    }

    public static final String DATA_STREAM = "app-logs";

    private final Domain domain;
    private final SecurityGroup clientSecurityGroup;

    public SearchStack(Construct scope, String id, StackProps stackProps, LogpipeConfig config, Props props) {
        super(scope, id, stackProps);
        LogpipeConfig.OpenSearch os = config.opensearch();
        IVpc vpc = props.vpc();

        // Clients (the processor, the bootstrap) carry this group; the domain admits HTTPS from it only.
        // Clients may open any outbound connection: the subnets are isolated (no route out of the VPC), and they
        // call AWS APIs through the VPC endpoints besides the domain.
        clientSecurityGroup = SecurityGroup.Builder.create(this, "ClientSecurityGroup").vpc(vpc)
                .description("OpenSearch clients (processor, bootstrap)").allowAllOutbound(true).build();
        SecurityGroup domainSecurityGroup = SecurityGroup.Builder.create(this, "DomainSecurityGroup").vpc(vpc)
                .description("OpenSearch domain: HTTPS from its clients").allowAllOutbound(false).build();
        domainSecurityGroup.addIngressRule(clientSecurityGroup, Port.tcp(443), "HTTPS from OpenSearch clients");

        Key key = Key.Builder.create(this, "DomainKey")
                .description("logpipe " + config.env() + " OpenSearch encryption at rest")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        int pipelineDays = config.retentionDays().pipeline();
        LogGroup slowSearch = logGroup("SlowSearchLogs", pipelineDays);
        LogGroup slowIndex = logGroup("SlowIndexLogs", pipelineDays);
        LogGroup appLogs = logGroup("ApplicationLogs", pipelineDays);
        LogGroup auditLogs = logGroup("AuditLogs", config.retentionDays().audit());
        // Written here instead of by the domain construct's own custom resource (a Node.js Lambda): one native
        // resource policy letting the service deliver to exactly these four groups, from this account.
        ResourcePolicy logsPolicy = ResourcePolicy.Builder.create(this, "LogsResourcePolicy")
                .policyStatements(List.of(PolicyStatement.Builder.create()
                        .principals(List.of(new ServicePrincipal("es.amazonaws.com")))
                        .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                        .resources(List.of(slowSearch.getLogGroupArn(), slowIndex.getLogGroupArn(),
                                appLogs.getLogGroupArn(), auditLogs.getLogGroupArn()))
                        .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
                        .build()))
                .build();

        JavaFunction bootstrap = new JavaFunction(this, "Bootstrap", new JavaFunction.Props(RepoPaths.PROCESSOR_JAR,
                "io.logpipe.processor.handler.BootstrapHandler::handleRequest",
                "logpipe: applies the OpenSearch index template, ISM policy and writer role mapping",
                512, 300, Map.of(), vpc, NetworkStack.privateSubnets(), List.of(clientSecurityGroup), null,
                pipelineDays, false, null));

        CapacityConfig.Builder capacity = CapacityConfig.builder()
                .dataNodeInstanceType(os.instanceType())
                .dataNodes(os.instanceCount())
                .multiAzWithStandbyEnabled(false);
        if (os.dedicatedMasters()) {
            capacity.masterNodeInstanceType(os.dedicatedMasterType()).masterNodes(os.dedicatedMasterCount());
        }
        int azCount = Math.min(config.vpc().maxAzs(), os.instanceCount() % 3 == 0 ? 3 : 2);
        String domainName = "logpipe-" + config.env();
        domain = Domain.Builder.create(this, "Domain")
                .domainName(domainName)
                .version(EngineVersion.OPENSEARCH_3_5)
                .capacity(capacity.build())
                .ebs(EbsOptions.builder().enabled(true).volumeSize(os.volumeGb()).volumeType(EbsDeviceVolumeType.GP3).build())
                .zoneAwareness(os.zoneAware()
                        ? ZoneAwarenessConfig.builder().enabled(true).availabilityZoneCount(azCount).build()
                        : ZoneAwarenessConfig.builder().enabled(false).build())
                .vpc(vpc)
                .vpcSubnets(List.of(os.zoneAware() ? NetworkStack.privateSubnets()
                        : software.amazon.awscdk.services.ec2.SubnetSelection.builder()
                                .subnets(List.of(vpc.getIsolatedSubnets().getFirst())).build()))
                .securityGroups(List.of(domainSecurityGroup))
                .encryptionAtRest(EncryptionAtRestOptions.builder().enabled(true).kmsKey(key).build())
                .nodeToNodeEncryption(true)
                .enforceHttps(true)
                .tlsSecurityPolicy(TLSSecurityPolicy.TLS_1_2_PFS)
                .fineGrainedAccessControl(AdvancedSecurityOptions.builder()
                        .masterUserArn(bootstrap.role().getRoleArn()).build())
                .logging(LoggingOptions.builder()
                        .slowSearchLogEnabled(true).slowSearchLogGroup(slowSearch)
                        .slowIndexLogEnabled(true).slowIndexLogGroup(slowIndex)
                        .appLogEnabled(true).appLogGroup(appLogs)
                        .auditLogEnabled(true).auditLogGroup(auditLogs)
                        .build())
                .suppressLogsResourcePolicy(true)
                .enableAutoSoftwareUpdate(true)
                .offPeakWindowEnabled(true)
                .removalPolicy(config.isProd() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        domain.getNode().addDependency(logsPolicy);
        // Set on the resource itself: the construct's accessPolicies option adds a Node.js custom resource.
        ((CfnDomain) domain.getNode().getDefaultChild()).setAccessPolicies(PolicyDocument.Builder.create()
                .statements(List.of(PolicyStatement.Builder.create()
                        .effect(Effect.ALLOW)
                        .principals(List.of(new AccountRootPrincipal()))
                        .actions(List.of("es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut",
                                "es:ESHttpDelete", "es:ESHttpPatch"))
                        // Built from the name: the domain's own ARN attribute would make it depend on itself.
                        .resources(List.of("arn:" + Aws.PARTITION + ":es:" + Aws.REGION + ":" + Aws.ACCOUNT_ID
                                + ":domain/" + domainName + "/*"))
                        .build()))
                .build().toJSON());
        Nag.acknowledge(domain, "AwsSolutions-OS3",
                "The domain is reachable only inside the VPC (no public endpoint), where IP-based access policies do "
                        + "not apply; access is limited by its security group, IAM and fine-grained access control.");
        if (!os.dedicatedMasters()) {
            Nag.acknowledge(domain, "AwsSolutions-OS4",
                    "Dedicated master nodes are a per-environment setting (opensearch.dedicatedMasterType); this "
                            + "environment runs a small cluster where they would more than double the cost.");
        }
        if (!os.zoneAware()) {
            Nag.acknowledge(domain, "AwsSolutions-OS7",
                    "Zone awareness is a per-environment setting (opensearch.zoneAware); this environment runs a "
                            + "single data node, which cannot be spread over zones.");
        }

        bootstrap.addToPolicy(PolicyStatement.Builder.create()
                .sid("BootstrapDomain")
                .actions(List.of("es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpPatch"))
                .resources(List.of(domain.getDomainArn(), domain.getDomainArn() + "/*"))
                .build());
        Nag.acknowledgeResource(bootstrapPolicyHolder(bootstrap), "AwsSolutions-IAM5", domain.getDomainArn() + "/*",
                "The bootstrap manages index templates, ISM policies, security roles and mappings and the data stream: "
                        + "several HTTP paths under the domain, which it administers as the FGAC master role.");

        Map<String, Object> properties = new TreeMap<>();
        properties.put("Endpoint", domain.getDomainEndpoint());
        properties.put("DataStream", DATA_STREAM);
        properties.put("RetentionDays", Integer.toString(os.retentionDays()));
        properties.put("Replicas", Integer.toString(os.instanceCount() > 1 ? 1 : 0));
        properties.put("RefreshInterval", "1s");
        properties.put("RoleArn", processorRoleArn(config));
        JavaCustomResource bootstrapRun = new JavaCustomResource(this, "IndexBootstrap", bootstrap,
                "Custom::LogpipeIndexBootstrap", properties, pipelineDays);
        bootstrapRun.getNode().addDependency(domain);
    }

    private static IConstruct bootstrapPolicyHolder(JavaFunction bootstrap) {
        return bootstrap.getNode().findChild("Policy");
    }

    private LogGroup logGroup(String id, int days) {
        return LogGroup.Builder.create(this, id).retention(Retention.of(days)).removalPolicy(RemovalPolicy.DESTROY).build();
    }

    /** "logpipe-dev-processor-eu-west-1": fixed, so the domain's role mapping can name it before it exists. */
    public static String processorRoleName(LogpipeConfig config) {
        return "logpipe-" + config.env() + "-processor-" + Aws.REGION;
    }

    public static String processorRoleArn(LogpipeConfig config) {
        return "arn:" + Aws.PARTITION + ":iam::" + Aws.ACCOUNT_ID + ":role/" + processorRoleName(config);
    }

    public IDomain domain() {
        return domain;
    }

    /** Give this group to anything that talks to the domain. */
    public SecurityGroup clientSecurityGroup() {
        return clientSecurityGroup;
    }

    public String dataStream() {
        return DATA_STREAM;
    }
}
