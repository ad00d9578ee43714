package io.logpipe.cdk.constructs;

import io.logpipe.cdk.Nag;
import io.logpipe.cdk.RepoPaths;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Java 25 Lambda on arm64 (Graviton: cheaper per GB-second) running a handler from one of the repository's
 * deployment jars, with X-Ray tracing, its own log group with a set retention, and an execution role whose permissions are
 * all written out (no AWS managed policies): writing its own logs, and in a VPC the network-interface actions.
 */
public class JavaFunction extends Construct {

    /**
     * @param jar             the deployment jar, relative to the repository root ({@link RepoPaths})
     * @param handler         class::method in that jar
     * @param role            an execution role to share (see {@link #lambdaRole}), or null for a role of its own
     * @param environment     sorted before use: the template does not depend on map order
     * @param reservedConcurrency null for none
     */
    public record Props(String jar, String handler, String description, int memoryMb, int timeoutSeconds,
                        Map<String, String> environment, IVpc vpc, SubnetSelection subnets,
                        List<ISecurityGroup> securityGroups, IRole role, int logRetentionDays, boolean snapStart,
                        Integer reservedConcurrency) {
    }

    private final Function function;
    private final IRole role;
    private final LogGroup logGroup;
    private final Policy basePolicy;

    public JavaFunction(Construct scope, String id, Props props) {
        super(scope, id);
        logGroup = LogGroup.Builder.create(this, "Logs")
                .retention(Retention.of(props.logRetentionDays()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        role = props.role() != null ? props.role() : lambdaRole(this, "Role", null, "Execution role of " + props.handler());

        // The base permissions live in one explicit policy, attached before the function exists (Lambda checks the
        // network-interface permissions when a VPC function is created).
        basePolicy = Policy.Builder.create(this, "Policy").roles(List.of(role)).build();
        basePolicy.addStatements(PolicyStatement.Builder.create()
                .sid("OwnLogs")
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logGroup.getLogGroupArn() + ":*"))
                .build());
        if (props.vpc() != null) {
            basePolicy.addStatements(PolicyStatement.Builder.create()
                    .sid("VpcNetworkInterfaces")
                    .actions(List.of("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces",
                            "ec2:DescribeSubnets", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses",
                            "ec2:UnassignPrivateIpAddresses"))
                    .resources(List.of("*"))
                    .build());
        }
        Nag.acknowledgeResource(basePolicy, "AwsSolutions-IAM5", logGroup.getLogGroupArn() + ":*",
                "Log streams of the function's own log group: Lambda creates them at run time with generated names.");
        if (props.vpc() != null) {
            Nag.acknowledge(basePolicy, "AwsSolutions-IAM5[Resource::*]",
                    "The EC2 network-interface actions a VPC Lambda needs support no resource-level permissions.");
        }

        Function.Builder fn = Function.Builder.create(this, "Function")
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .code(Code.fromAsset(RepoPaths.lambdaJar(props.jar()).toString()))
                .handler(props.handler())
                .description(props.description())
                .memorySize(props.memoryMb())
                .timeout(Duration.seconds(props.timeoutSeconds()))
                .environment(new TreeMap<>(props.environment()))
                .role(role)
                .logGroup(logGroup)
                .tracing(Tracing.ACTIVE);
        if (props.vpc() != null) {
            fn.vpc(props.vpc()).vpcSubnets(props.subnets()).securityGroups(props.securityGroups());
        }
        if (props.snapStart()) {
            fn.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        boolean snapStart = props.snapStart();
        if (props.reservedConcurrency() != null) {
            fn.reservedConcurrentExecutions(props.reservedConcurrency());
        }
        function = fn.build();
        function.getNode().addDependency(basePolicy);
        if (snapStart) {
            // Callers publish a version and invoke it through an alias (ProcessingStack, StreamingStack).
            Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "the function is invoked only through an alias on its current published version");
        }
        // Active tracing makes the construct add the X-Ray statement to the role's default policy.
        Nag.acknowledge(role.getNode().findChild("DefaultPolicy"), "AwsSolutions-IAM5[Resource::*]",
                "xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) support no resource-level permissions.");
    }

    /** An execution role for Lambda with no permissions yet; {@code name} fixed, or null for a generated one. */
    public static Role lambdaRole(Construct scope, String id, String name, String description) {
        Role.Builder b = Role.Builder.create(scope, id)
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description(description);
        if (name != null) {
            b.roleName(name);
        }
        return b.build();
    }

    public Function function() {
        return function;
    }

    public IRole role() {
        return role;
    }

    public LogGroup logGroup() {
        return logGroup;
    }

    /** Adds statements to the function's one explicit policy (instead of a generated default policy). */
    public void addToPolicy(PolicyStatement statement) {
        basePolicy.addStatements(statement);
    }
}
