package io.logpipe.cdk;

import io.logpipe.cdk.support.TestApps;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * cdk-nag acknowledgments (AwsSolutions ids; the CDK acknowledges some of its own template checks) sit on single resources: never on the app or a stack (which would cover everything
 * below), and only on constructs holding exactly one CloudFormation resource.
 */
class AcknowledgmentPlacementTest {

    @Test
    void everyAcknowledgmentCoversExactlyOneResource() {
        for (String env : List.of("dev", "prod")) {
            List<String> misplaced = new ArrayList<>();
            List<String> placed = new ArrayList<>();
            for (IConstruct c : TestApps.synth(env).app().getNode().findAll()) {
                boolean acknowledged = c.getNode().getMetadata().stream()
                        .anyMatch(m -> Validations.ACKNOWLEDGED_RULES_METADATA_KEY.equals(m.getType())
                                && String.valueOf(m.getData()).contains("AwsSolutions-"));
                if (!acknowledged) {
                    continue;
                }
                long resources = c.getNode().findAll().stream().filter(x -> x instanceof CfnResource).count();
                if (c instanceof Stack || c.getNode().getScope() == null || resources != 1) {
                    misplaced.add(c.getNode().getPath() + " (" + resources + " resources)");
                } else {
                    placed.add(c.getNode().getPath());
                }
            }
            assertThat(misplaced).as(env).isEmpty();
            assertThat(placed).as(env).isNotEmpty();
        }
    }
}
