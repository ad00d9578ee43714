package io.logpipe.cdk.stacks;

import io.logpipe.cdk.support.CfnLint;
import io.logpipe.cdk.support.NagChecks;
import io.logpipe.cdk.support.TestApps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The DataLake, Apps and Alerts stacks of both environments: cfn-lint clean and no unacknowledged cdk-nag error. */
class LakeAppsAlertsComplianceTest {
    private static final List<String> MINE = List.of("-DataLake", "-Apps", "-Alerts");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void cfnLintFindsNoErrors(String env) {
        List<Path> templates = TestApps.synth(env).templateFiles().stream()
                .filter(p -> MINE.stream().anyMatch(s -> p.getFileName().toString().contains(s))).toList();
        assertThat(templates).hasSize(3);
        for (Path t : templates) {
            assertThat(CfnLint.errors(t)).as(t.getFileName().toString()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void cdkNagAwsSolutionsHasNoUnacknowledgedErrors(String env) {
        List<String> errors = NagChecks.errors(TestApps.synth(env)).stream()
                .filter(e -> MINE.stream().anyMatch(s -> e.contains(s + "/"))).toList();
        assertThat(errors).isEmpty();
    }
}
