package io.logpipe.cdk.constructs;

import io.logpipe.cdk.Nag;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.customresources.Provider;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;
import software.constructs.IConstruct;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A CloudFormation custom resource whose logic is a {@link JavaFunction} behind a {@code custom_resources.Provider}
 * (which answers CloudFormation and retries). The framework function gets a role with exactly its permissions
 * (its log streams, invoking the user function) and a log group with a retention, instead of the defaults (an
 * AWS managed policy, logs kept forever).
 */
public class JavaCustomResource extends Construct {

    private final CustomResource resource;

    /**
     * @param properties sorted before use; CloudFormation hands every value to the function as a string
     */
    public JavaCustomResource(Construct scope, String id, JavaFunction function, String resourceType,
                              Map<String, Object> properties, int logRetentionDays) {
        super(scope, id);
        LogGroup logs = LogGroup.Builder.create(this, "ProviderLogs")
                .retention(Retention.of(logRetentionDays)).removalPolicy(RemovalPolicy.DESTROY).build();
        Role role = Role.Builder.create(this, "ProviderRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Custom resource framework of " + resourceType)
                .build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logs.getLogGroupArn() + ":*"))
                .build());
        Provider provider = Provider.Builder.create(this, "Provider")
                .onEventHandler(function.function())
                .frameworkOnEventRole(role)
                .logGroup(logs)
                .build();
        IConstruct policy = role.getNode().findChild("DefaultPolicy");
        Nag.acknowledgeResource(policy, "AwsSolutions-IAM5", function.function().getFunctionArn() + ":*",
                "The custom resource framework invokes its function by qualified ARN; the grant covers that one "
                        + "function's versions only.");
        Nag.acknowledgeResource(policy, "AwsSolutions-IAM5", logs.getLogGroupArn() + ":*",
                "Log streams of the framework's own log group: Lambda creates them at run time with generated names.");
        resource = CustomResource.Builder.create(this, "Resource")
                .serviceToken(provider.getServiceToken())
                .resourceType(resourceType)
                .properties(new TreeMap<>(properties))
                .build();
    }

    public CustomResource resource() {
        return resource;
    }

    /** A value from the function's response Data. */
    public String attribute(String name) {
        return resource.getAttString(name);
    }
}
