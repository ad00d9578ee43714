package io.logpipe.cdk;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;

import java.util.ArrayList;
import java.util.List;

/**
 * cdk-nag (v3) in one place. Suppressions are CDK acknowledgments on ONE resource each, with a reason, made only
 * through {@link #acknowledge}; {@link #check} runs the AwsSolutions pack over a construct tree (the app's main
 * does it before synthesis, the tests over both environments).
 */
public final class Nag {

    private Nag() {
    }

    /** One unacknowledged finding. */
    public record Finding(String severity, String rule, String path, String description) {
        @Override
        public String toString() {
            return "[" + severity + "] " + rule + " at " + path + ": " + description;
        }
    }

    /**
     * Accepts one finding on one resource. {@code ruleId} is the full finding id, e.g. {@code AwsSolutions-L1} or
     * {@code AwsSolutions-IAM5[Resource::arn:...]}; cdk-nag v3 has no prefix or stack-wide matching here, and this
     * helper is only ever called on the resource (or the L2 construct wrapping it) that the finding is about.
     */
    public static void acknowledge(IConstruct resource, String ruleId, String reason) {
        if (!ruleId.startsWith("AwsSolutions-")) {
            throw new IllegalArgumentException("not an AwsSolutions rule id: " + ruleId);
        }
        if (reason == null || reason.strip().length() < 20) {
            throw new IllegalArgumentException("acknowledging " + ruleId + " on " + resource.getNode().getPath()
                    + " needs a written reason");
        }
        if (ruleId.indexOf("::") != ruleId.lastIndexOf("::")) {
            // A finding naming CloudFormation pseudo parameters (IAM5[Resource::arn:<AWS::Partition>:...]): the CDK's
            // acknowledge() rejects a second '::', so write the same metadata entry cdk-nag reads.
            resource.getNode().addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, java.util.Map.of(ruleId, reason));
            return;
        }
        Validations.of(resource).acknowledge(Acknowledgment.builder().id(ruleId).reason(reason).build());
    }

    /** Every unacknowledged AwsSolutions finding under {@code scope}, errors and warnings. */
    public static List<Finding> check(IConstruct scope) {
        PolicyValidationPluginReport report =
                new AwsSolutionsChecks(scope, NagPackProps.builder().verbose(false).build()).validateScope(scope);
        List<Finding> out = new ArrayList<>();
        for (PolicyViolation v : report.getViolations()) {
            for (PolicyViolatingResource r : v.getViolatingResources()) {
                out.add(new Finding(v.getSeverity(), v.getRuleName(), r.getConstructPath(), v.getDescription()));
            }
        }
        return out;
    }

    /** The findings of severity error. */
    public static List<Finding> errors(IConstruct scope) {
        return check(scope).stream().filter(f -> "error".equals(f.severity())).toList();
    }
}
