package io.logpipe.cdk.support;

import io.logpipe.cdk.Nag;

import java.util.List;

/**
 * cdk-nag's AwsSolutions findings left after acknowledgments, over a whole synthesised app (the same check the
 * app's main runs before `cdk synth`).
 */
public final class NagChecks {

    private NagChecks() {
    }

    /** Unacknowledged AwsSolutions errors, one line each: "[error] rule at path: description". */
    public static List<String> errors(TestApps.Synthesized synthesized) {
        return Nag.errors(synthesized.app()).stream().map(Nag.Finding::toString).toList();
    }

    /** Unacknowledged AwsSolutions warnings (reported, not failures). */
    public static List<String> warnings(TestApps.Synthesized synthesized) {
        return Nag.check(synthesized.app()).stream()
                .filter(f -> !"error".equals(f.severity())).map(Nag.Finding::toString).toList();
    }
}
