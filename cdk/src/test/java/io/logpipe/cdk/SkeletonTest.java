package io.logpipe.cdk;

import io.logpipe.cdk.support.CfnLint;
import io.logpipe.cdk.support.NagChecks;
import io.logpipe.cdk.support.TestApps;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SkeletonTest {

    @Test
    void devSynthesisesLintCleanAndReportsNag() {
        TestApps.Synthesized dev = TestApps.synth("dev");
        assertThat(dev.templateFiles()).isNotEmpty();
        for (Path t : dev.templateFiles().stream().filter(p -> p.toString().contains("Network")).toList()) {
            assertThat(CfnLint.errors(t)).as(t.toString()).isEmpty();
        }
        System.out.println(NagChecks.errors(dev));
    }
}
