package io.logpipe.cdk;

import io.logpipe.cdk.support.CfnLint;
import io.logpipe.cdk.support.NagChecks;
import io.logpipe.cdk.support.TestApps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole app, per environment: cdk-nag's AwsSolutions pack and cfn-lint find no errors. */
class ComplianceTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noUnacknowledgedNagErrors(String env) {
        TestApps.Synthesized app = TestApps.synth(env);
        NagChecks.warnings(app).forEach(w -> System.out.println("nag warning (" + env + "): " + w));
        assertThat(NagChecks.errors(app)).as("unacknowledged AwsSolutions errors in " + env).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void cfnLintIsThePinnedVersion() {
        assertThat(CfnLint.version()).isEqualTo("cfn-lint 1.51.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyTemplatePassesCfnLint(String env) {
        TestApps.Synthesized app = TestApps.synth(env);
        List<Path> templates = app.templateFiles();
        assertThat(templates).hasSizeGreaterThanOrEqualTo(4);
        List<String> errors = new ArrayList<>();
        for (Path template : templates) {
            CfnLint.errors(template).forEach(e -> errors.add(template.getFileName() + ": " + e));
        }
        assertThat(errors).isEmpty();
    }
}
