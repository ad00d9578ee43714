package io.logpipe.cdk.stacks;

import io.logpipe.cdk.Nag;
import io.logpipe.cdk.RepoPaths;
import io.logpipe.cdk.config.LogpipeConfig;
import io.logpipe.cdk.constructs.FailureDestination;
import io.logpipe.cdk.constructs.JavaFunction;
import io.logpipe.cdk.constructs.ServiceLogGroup;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.CfnPermission;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.CfnAccountPolicy;
import software.amazon.awscdk.services.logs.CfnSubscriptionFilter;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The processor Lambda and every way logs reach it.
 * <ul>
 *   <li>Java 25 on arm64, SnapStart on published versions, invoked only through the alias {@code live} (the
 *       snapshot-restored version); memory, timeout and reserved concurrency (which caps the load on OpenSearch)
 *       from config; X-Ray tracing; async invocations that fail all retries are recorded in the failure bucket.</li>
 *   <li>One log group per configured service (created with the app-tier retention, or imported when it already
 *       exists), each with a subscription filter to the alias, or with {@code accountPolicy} one account-level
 *       subscription filter policy instead (the processor's own log groups excluded, so it never reads itself).</li>
 *   <li>{@code lambda:InvokeFunction} for {@code logs.amazonaws.com}, limited to this account and to the
 *       configured log groups (one permission each), or to this account's log groups under an account policy.</li>
 *   <li>A second subscription filter per group to the raw-archive Firehose stream, when the data lake supplies one.</li>
 *   <li>A least-privilege role: bulk writes to the one data stream path of the domain, objects under the
 *       dead-letter and Lambda failure prefixes of the failure bucket, records into the structured Firehose stream.</li>
 * </ul>
 */
public class ProcessingStack extends Stack {

    /**
     * @param failureBucket          receives the processor's dead letters ({@link #DEAD_LETTER_PREFIX}) and the
     *                               records of failed invocations ({@link FailureDestination#LAMBDA_PREFIX})
     * @param rawFirehoseArn         the raw-archive Firehose stream fed by a second subscription filter per log
     *                               group, or null for none
     * @param structuredFirehoseArn  the Firehose stream the processor archives its documents to (LOGPIPE_ARCHIVE),
     *                               or null for none
     */
    public record Props(IVpc vpc, SearchStack search, IBucket failureBucket, String rawFirehoseArn,
                        String structuredFirehoseArn) {
    }

    public static final String DEAD_LETTER_PREFIX = "dead-letter/";
    public static final String ALIAS = "live";
    static final String HANDLER = "io.logpipe.processor.handler.CloudWatchLogsHandler::handleRequest";

    private final Role role;
    private final JavaFunction processor;
    private final Alias alias;
    private final Map<String, ServiceLogGroup> serviceLogGroups = new LinkedHashMap<>();
    private final Map<String, String> environment;
    private final Secret redactionKey;
    private final Policy policy;
    private final software.amazon.awscdk.services.ec2.ISecurityGroup searchClientSecurityGroup;

    public ProcessingStack(Construct scope, String id, StackProps stackProps, LogpipeConfig config, Props props) {
        super(scope, id, stackProps);
        LogpipeConfig.Processor p = config.processor();
        searchClientSecurityGroup = props.search().clientSecurityGroup();
        role = JavaFunction.lambdaRole(this, "ProcessorRole", SearchStack.processorRoleName(config),
                "logpipe processor: writes to OpenSearch, the failure bucket and the archive stream");
        redactionKey = config.redaction().hashed() ? redactionKey() : null;
        environment = new TreeMap<>(processorEnvironment(config, props));
        if (redactionKey != null) {
            environment.put("LOGPIPE_REDACT_MODE", "hash");
            environment.put("LOGPIPE_REDACT_HASH_KEY_SECRET_ARN", redactionKey.getSecretArn());
        }
        policy = Policy.Builder.create(this, "ProcessorPolicy").roles(List.of(role)).build();
        grants(props).forEach(policy::addStatements);
        if (redactionKey != null) {
            // Read once at init; the key never leaves Secrets Manager for the function's configuration.
            policy.addStatements(PolicyStatement.Builder.create()
                    .sid("RedactionHashKey")
                    .actions(List.of("secretsmanager:GetSecretValue"))
                    .resources(List.of(redactionKey.getSecretArn()))
                    .build());
        }
        acknowledgeGrants(props);

        processor = new JavaFunction(this, "Processor", new JavaFunction.Props(RepoPaths.PROCESSOR_JAR, HANDLER,
                "logpipe processor: CloudWatch Logs subscription events to OpenSearch",
                p.memoryMb(), p.timeoutSeconds(), environment, props.vpc(), NetworkStack.privateSubnets(),
                List.of(props.search().clientSecurityGroup()), role, config.retentionDays().pipeline(), true,
                p.reservedConcurrency()));
        processor.function().getNode().addDependency(policy);

        alias = Alias.Builder.create(this, "Live")
                .aliasName(ALIAS)
                .version(processor.function().getCurrentVersion())
                .onFailure(FailureDestination.async(props.failureBucket()))
                .retryAttempts(2)
                .maxEventAge(Duration.hours(6))
                .build();

        for (LogpipeConfig.Service service : config.services()) {
            serviceLogGroups.put(service.name(), new ServiceLogGroup(this, "Service-" + service.name(), service,
                    config.retentionDays().app()));
        }
        if (config.accountPolicy()) {
            accountPolicy(config);
        } else {
            serviceLogGroups.forEach((name, group) -> subscribe(name, group.logGroup()));
        }
        if (props.rawFirehoseArn() != null) {
            rawArchiveFilters(props.rawFirehoseArn());
        }
    }

    /**
     * The HMAC key of hash-mode redaction: 64 generated characters in Secrets Manager. Not rotated on a schedule,
     * on purpose: a new key changes every hash, which breaks the correlation hash mode exists for; rotate it by
     * hand (a new secret version) when the key may have leaked.
     */
    private Secret redactionKey() {
        Secret secret = Secret.Builder.create(this, "RedactionHashKey")
                .description("logpipe processor: HMAC key for hash-mode redaction (LOGPIPE_REDACT_HASH_KEY_SECRET_ARN)")
                .generateSecretString(SecretStringGenerator.builder()
                        .passwordLength(64)
                        .excludePunctuation(true)
                        .build())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        Nag.acknowledge(secret.getNode().getDefaultChild(), "AwsSolutions-SMG4",
                "The redaction HMAC key is rotated by hand, not on a schedule: a new key changes every hash and "
                        + "breaks the correlation of redacted values that hash mode exists for.");
        return secret;
    }

    /** The LOGPIPE_* variables the processor reads (PipelineConfig, OpenSearchSinkConfig, Components), sorted. */
    static Map<String, String> processorEnvironment(LogpipeConfig config, Props props) {
        Map<String, String> env = new TreeMap<>();
        env.put("LOGPIPE_SINK", "opensearch");
        env.put("LOGPIPE_OPENSEARCH_ENDPOINT", "https://" + props.search().domain().getDomainEndpoint());
        env.put("LOGPIPE_OPENSEARCH_AUTH", "sigv4");
        env.put("LOGPIPE_OPENSEARCH_INDEX", props.search().dataStream());
        env.put("LOGPIPE_DEAD_LETTER_BUCKET", props.failureBucket().getBucketName());
        env.put("LOGPIPE_DEAD_LETTER_PREFIX", DEAD_LETTER_PREFIX);
        if (props.failureBucket().getEncryptionKey() != null) {
            env.put("LOGPIPE_DEAD_LETTER_KMS_KEY_ID", props.failureBucket().getEncryptionKey().getKeyArn());
        }
        env.put("LOGPIPE_DEFAULT_ENVIRONMENT", config.env());
        env.put("LOGPIPE_LOG_GROUP_PATTERNS", logGroupPatterns(config));
        if (props.structuredFirehoseArn() != null) {
            env.put("LOGPIPE_ARCHIVE", "firehose");
            env.put("LOGPIPE_FIREHOSE_STREAM", Fn.select(1, Fn.split("/", props.structuredFirehoseArn())));
        } else {
            env.put("LOGPIPE_ARCHIVE", "none");
        }
        return env;
    }

    /**
     * One exact rule per configured service whose log group contains its name (so a group like
     * {@code /custom/billing-svc/stdout} still maps to its service), then the processor's default patterns.
     */
    static String logGroupPatterns(LogpipeConfig config) {
        List<String> rules = new ArrayList<>();
        for (LogpipeConfig.Service s : config.services()) {
            int at = s.logGroup().indexOf(s.name());
            if (at >= 0) {
                rules.add("^" + quote(s.logGroup().substring(0, at)) + "(?<service>" + Pattern.quote(s.name()) + ")"
                        + quote(s.logGroup().substring(at + s.name().length())) + "$");
            }
        }
        rules.addAll(List.of(
                "^/aws/lambda/(?<service>[^/]+)$",
                "^/ecs/(?:firelens/)?(?<service>[^/]+)$",
                "^/aws/ecs/(?:[^/]+/)?(?<service>[^/]+)$",
                "^/app/(?<service>[^/]+)/(?<env>[^/]+)$",
                "^/var/log/(?<service>[^/]+)/.*$"));
        return String.join(";;", rules);
    }

    private static String quote(String s) {
        return s.isEmpty() ? "" : Pattern.quote(s);
    }

    private List<PolicyStatement> grants(Props props) {
        List<PolicyStatement> out = new ArrayList<>();
        // The sink's only call is POST /<data stream>/_bulk (PUT is its equivalent): nothing else on the domain.
        out.add(PolicyStatement.Builder.create()
                .sid("BulkIntoDataStream")
                .actions(List.of("es:ESHttpPost", "es:ESHttpPut"))
                .resources(List.of(props.search().domain().getDomainArn() + "/" + props.search().dataStream() + "/_bulk"))
                .build());
        IBucket bucket = props.failureBucket();
        out.add(PolicyStatement.Builder.create()
                .sid("DeadLetters")
                .actions(List.of("s3:PutObject"))
                .resources(List.of(bucket.arnForObjects(DEAD_LETTER_PREFIX + "*")))
                .build());
        out.addAll(FailureDestination.writeStatements(bucket));
        if (props.structuredFirehoseArn() != null) {
            out.add(PolicyStatement.Builder.create()
                    .sid("StructuredArchive")
                    .actions(List.of("firehose:PutRecordBatch", "firehose:PutRecord"))
                    .resources(List.of(props.structuredFirehoseArn()))
                    .build());
        }
        return out;
    }

    private void acknowledgeGrants(Props props) {
        IBucket bucket = props.failureBucket();
        Nag.acknowledgeResource(policy, "AwsSolutions-IAM5", bucket.arnForObjects(DEAD_LETTER_PREFIX + "*"),
                "Dead-letter objects get a new key per invocation; the grant is PutObject under the dead-letter/ "
                        + "prefix of the failure bucket only.");
        Nag.acknowledgeResource(policy, "AwsSolutions-IAM5", bucket.arnForObjects(FailureDestination.LAMBDA_PREFIX + "*"),
                "Lambda names the failure records it writes (aws/lambda/async/<function>/<date>/<uuid>); the grant "
                        + "is PutObject under the aws/lambda/ prefix of the failure bucket only.");
    }

    private void subscribe(String service, ILogGroup group) {
        CfnPermission permission = CfnPermission.Builder.create(this, "InvokeFrom-" + service)
                .action("lambda:InvokeFunction")
                .functionName(alias.getFunctionArn())
                .principal("logs.amazonaws.com")
                .sourceAccount(Aws.ACCOUNT_ID)
                .sourceArn(group.getLogGroupArn())
                .build();
        CfnSubscriptionFilter filter = CfnSubscriptionFilter.Builder.create(this, "Subscription-" + service)
                .logGroupName(group.getLogGroupName())
                .destinationArn(alias.getFunctionArn())
                .filterPattern("")
                .filterName("logpipe-processor")
                .build();
        filter.addResourceDependency(permission);
    }

    /**
     * One subscription filter policy for every log group in the account except the pipeline's own, which would
     * otherwise feed the processor its own output.
     */
    private void accountPolicy(LogpipeConfig config) {
        CfnPermission permission = CfnPermission.Builder.create(this, "InvokeFromAccountLogGroups")
                .action("lambda:InvokeFunction")
                .functionName(alias.getFunctionArn())
                .principal("logs.amazonaws.com")
                .sourceAccount(Aws.ACCOUNT_ID)
                .sourceArn("arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":log-group:*")
                .build();
        CfnAccountPolicy policy = CfnAccountPolicy.Builder.create(this, "SubscriptionPolicy")
                .policyName("logpipe-" + config.env() + "-processor")
                .policyType("SUBSCRIPTION_FILTER_POLICY")
                .scope("ALL")
                .selectionCriteria("LogGroupName NOT IN [\"" + processor.logGroup().getLogGroupName() + "\"]")
                .policyDocument(Stack.of(this).toJsonString(Map.of(
                        "DestinationArn", alias.getFunctionArn(),
                        "FilterPattern", "",
                        "Distribution", "Random")))
                .build();
        policy.addResourceDependency(permission);
    }

    private void rawArchiveFilters(String firehoseArn) {
        Role toFirehose = Role.Builder.create(this, "RawArchiveRole")
                .assumedBy(new ServicePrincipal("logs.amazonaws.com",
                        software.amazon.awscdk.services.iam.ServicePrincipalOpts.builder()
                                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
                                .build()))
                .description("CloudWatch Logs delivering the services' raw logs to the archive stream")
                .build();
        Policy put = Policy.Builder.create(this, "RawArchivePolicy").roles(List.of(toFirehose)).build();
        put.addStatements(PolicyStatement.Builder.create()
                .actions(List.of("firehose:PutRecord", "firehose:PutRecordBatch"))
                .resources(List.of(firehoseArn))
                .build());
        serviceLogGroups.forEach((service, group) -> {
            CfnSubscriptionFilter filter = CfnSubscriptionFilter.Builder.create(this, "RawArchive-" + service)
                    .logGroupName(group.logGroup().getLogGroupName())
                    .destinationArn(firehoseArn)
                    .roleArn(toFirehose.getRoleArn())
                    .filterPattern("")
                    .filterName("logpipe-raw-archive")
                    .build();
            filter.getNode().addDependency(put);
        });
    }

    /** The processor's execution role (fixed name; mapped to the OpenSearch writer role by the bootstrap). */
    public IRole processorRole() {
        return role;
    }

    public IFunction processorFunction() {
        return processor.function();
    }

    /** What event sources invoke: the SnapStart-restored published version. */
    public Alias processorAlias() {
        return alias;
    }

    /** The service log groups by service name, in configuration order. */
    public Map<String, ILogGroup> serviceLogGroups() {
        Map<String, ILogGroup> out = new LinkedHashMap<>();
        serviceLogGroups.forEach((k, v) -> out.put(k, v.logGroup()));
        return out;
    }

    /** The group that lets the processor reach OpenSearch (for the MSK processor too). */
    public software.amazon.awscdk.services.ec2.ISecurityGroup searchClientSecurityGroup() {
        return searchClientSecurityGroup;
    }

    /** The processor's environment, for another function running the same code (the MSK processor). */
    public Map<String, String> processorSettings() {
        return environment;
    }
}
