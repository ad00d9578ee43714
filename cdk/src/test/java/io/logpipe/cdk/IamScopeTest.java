package io.logpipe.cdk;

import io.logpipe.cdk.support.TestApps;
import io.logpipe.cdk.support.Templates;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Across every stack: no wildcard actions, and a "*" resource only for actions that take no resource. */
class IamScopeTest {

    /** Actions AWS defines without resource-level permissions, so their statements must say "*". */
    private static final List<String> RESOURCELESS = List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords",
            "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
            "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses",
            "ec2:DescribeVpcs", "ec2:DescribeSecurityGroups");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noWildcardActionsAndStarResourcesOnlyWhereUnavoidable(String env) {
        List<String> problems = new ArrayList<>();
        for (var child : TestApps.synth(env).app().getNode().getChildren()) {
            if (!(child instanceof Stack stack) || !isOurs(stack)) {
                continue;
            }
            for (Map<String, Object> s : Templates.iamStatements(Template.fromStack(stack))) {
                List<Object> actions = Templates.list(s.get("Action"));
                actions.stream().filter(a -> String.valueOf(a).contains("*"))
                        .forEach(a -> problems.add(stack.getStackName() + ": wildcard action " + a));
                if (Templates.list(s.get("Resource")).contains("*")) {
                    actions.stream().filter(a -> !RESOURCELESS.contains(String.valueOf(a)))
                            .forEach(a -> problems.add(stack.getStackName() + ": " + a + " on *"));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** This helper's stacks; the data lake, apps and alerts stacks have tests of their own. */
    private static boolean isOurs(Stack stack) {
        String name = stack.getStackName();
        return name.endsWith("-Network") || name.endsWith("-Search") || name.endsWith("-Processing")
                || name.endsWith("-Streaming");
    }
}
