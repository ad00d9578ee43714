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
        checkReason(resource, ruleId, reason);
        if (ruleId.indexOf("::") != ruleId.lastIndexOf("::")) {
            // A finding naming CloudFormation pseudo parameters (IAM5[Resource::arn:<AWS::Partition>:...]): the CDK's
            // acknowledge() rejects a second '::', so write the same metadata entry cdk-nag reads.
            resource.getNode().addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, java.util.Map.of(ruleId, reason));
            return;
        }
        Validations.of(resource).acknowledge(Acknowledgment.builder().id(ruleId).reason(reason).build());
    }

    /** A wildcard-resource finding to acknowledge once references are resolved (see {@link #acknowledgeResource}). */
    private record Pending(IConstruct resource, String rule, String resourceValue, String reason) {
    }

    private static final List<Pending> PENDING = new ArrayList<>();

    /**
     * Accepts one finding about one resource value (e.g. IAM5 for {@code bucket.arnForObjects("dead-letter/*")}) on
     * one resource. The finding id names the value as cdk-nag prints it, which for a value from another stack is
     * only known once synthesis has resolved the reference; so the acknowledgment is made when {@link #check} runs.
     */
    public static void acknowledgeResource(IConstruct resource, String rule, String resourceValue, String reason) {
        checkReason(resource, rule, reason);
        synchronized (PENDING) {
            PENDING.add(new Pending(resource, rule, resourceValue, reason));
        }
    }

    private static void materialisePending(IConstruct scope) {
        List<Pending> mine = new ArrayList<>();
        synchronized (PENDING) {
            for (var it = PENDING.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (p.resource().getNode().getRoot() == scope.getNode().getRoot()) {
                    mine.add(p);
                    it.remove();
                }
            }
        }
        for (Pending p : mine) {
            Object resolved = software.amazon.awscdk.Stack.of(p.resource()).resolve(p.resourceValue());
            acknowledge(p.resource(), p.rule() + "[Resource::" + flatten(resolved) + "]", p.reason());
        }
    }

    /** cdk-nag's rendering of a resolved CloudFormation value (Fn::Join, Fn::GetAtt, Ref, Fn::ImportValue, Fn::Sub). */
    static String flatten(Object node) {
        if (node == null) {
            return "";
        }
        if (node instanceof String s) {
            return s.replace("${", "<").replace("}", ">");
        }
        if (node instanceof java.util.Map<?, ?> m) {
            if (m.get("Fn::Join") instanceof List<?> join) {
                String delimiter = String.valueOf(join.get(0));
                List<String> parts = new ArrayList<>();
                for (Object item : (List<?>) join.get(1)) {
                    parts.add(flatten(item));
                }
                return String.join(delimiter, parts);
            }
            if (m.containsKey("Fn::Sub")) {
                return flatten(m.get("Fn::Sub"));
            }
            if (m.get("Fn::GetAtt") instanceof List<?> getAtt) {
                return "<" + flatten(getAtt.get(0)) + "." + flatten(getAtt.get(1)) + ">";
            }
            if (m.containsKey("Fn::ImportValue")) {
                return flatten(m.get("Fn::ImportValue"));
            }
            if (m.containsKey("Ref")) {
                return "<" + flatten(m.get("Ref")) + ">";
            }
        }
        throw new IllegalArgumentException("cannot render " + node + " as cdk-nag does");
    }

    private static void checkReason(IConstruct resource, String ruleId, String reason) {
        if (!ruleId.startsWith("AwsSolutions-")) {
            throw new IllegalArgumentException("not an AwsSolutions rule id: " + ruleId);
        }
        if (reason == null || reason.strip().length() < 20) {
            throw new IllegalArgumentException("acknowledging " + ruleId + " on " + resource.getNode().getPath()
                    + " needs a written reason");
        }
    }

    /**
     * Every unacknowledged AwsSolutions finding under {@code scope}, errors and warnings. Run it after
     * {@code app.synth()}: finding ids name cross-stack values as the synthesised templates import them.
     */
    public static List<Finding> check(IConstruct scope) {
        materialisePending(scope);
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
