package io.logpipe.cdk.stacks;

import io.logpipe.cdk.config.LogpipeConfig;
import io.logpipe.processor.config.LogGroupRule;
import io.logpipe.processor.config.PipelineConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The LOGPIPE_LOG_GROUP_PATTERNS the stack writes, read back by the processor's own configuration parser. */
class LogGroupPatternsTest {

    private static String serviceOf(PipelineConfig config, String logGroup) {
        for (LogGroupRule rule : config.logGroupRules()) {
            String[] match = rule.match(logGroup);
            if (match != null) {
                return match[0];
            }
        }
        return null;
    }

    @Test
    void everyConfiguredGroupMapsToItsServiceThenTheDefaultsApply() {
        LogpipeConfig config = LogpipeConfig.fromContext("dev", Map.of("services", List.of(
                Map.of("name", "sample-app", "logGroup", "/ecs/sample-app"),
                Map.of("name", "billing-svc", "logGroup", "/custom/billing-svc/stdout"),
                Map.of("name", "legacy", "logGroup", "/var/app.log.group", "existing", true))));
        PipelineConfig processor = PipelineConfig.fromEnv(Map.of(
                "LOGPIPE_LOG_GROUP_PATTERNS", ProcessingStack.logGroupPatterns(config)));

        assertThat(serviceOf(processor, "/ecs/sample-app")).isEqualTo("sample-app");
        assertThat(serviceOf(processor, "/custom/billing-svc/stdout")).isEqualTo("billing-svc");
        // Regex characters in group names are literal: '.' matches only '.'.
        assertThat(serviceOf(processor, "/custom/billing-svcXstdout")).isNull();
        // A group that does not contain its service's name falls back to the default patterns.
        assertThat(serviceOf(processor, "/var/app.log.group")).isNull();
        assertThat(serviceOf(processor, "/aws/lambda/orders")).isEqualTo("orders");
        assertThat(serviceOf(processor, "/ecs/firelens/payments")).isEqualTo("payments");
    }
}
