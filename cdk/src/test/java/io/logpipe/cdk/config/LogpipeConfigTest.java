package io.logpipe.cdk.config;

import io.logpipe.cdk.support.TestApps;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The context of the root cdk.json, parsed as the app parses it, and what malformed settings say. */
class LogpipeConfigTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> context(String env) {
        return new LinkedHashMap<>((Map<String, Object>) TestApps.cdkJsonContext().get("logpipe:" + env));
    }

    private static LogpipeConfig with(String key, Object value) {
        Map<String, Object> c = context("dev");
        c.put(key, value);
        return LogpipeConfig.fromContext("dev", c);
    }

    @Test
    void cdkJsonHoldsBothEnvironments() {
        LogpipeConfig dev = LogpipeConfig.fromContext("dev", context("dev"));
        LogpipeConfig prod = LogpipeConfig.fromContext("prod", context("prod"));
        assertThat(dev.envTitle()).isEqualTo("Dev");
        assertThat(dev.retentionDays()).isEqualTo(new LogpipeConfig.Retention(14, 30, 90));
        assertThat(prod.retentionDays()).isEqualTo(new LogpipeConfig.Retention(90, 365, 400));
        assertThat(dev.opensearch().zoneAware()).isFalse();
        assertThat(dev.opensearch().dedicatedMasters()).isFalse();
        assertThat(prod.opensearch().zoneAware()).isTrue();
        assertThat(prod.opensearch().dedicatedMasterCount()).isEqualTo(3);
        assertThat(dev.msk().enabled()).isFalse();
        assertThat(prod.msk().enabled()).isTrue();
        assertThat(dev.serviceNames()).containsExactly("sample-app", "ingest-api");
        assertThat(prod.apps().sampleApp().desiredCount()).isEqualTo(2);
        assertThat(prod.alerts().emails()).isNotEmpty();
    }

    @Test
    void missingSectionsTakeTheDocumentedDefaults() {
        LogpipeConfig c = LogpipeConfig.fromContext("test", Map.of());
        assertThat(c.retentionDays()).isEqualTo(new LogpipeConfig.Retention(14, 30, 90));
        assertThat(c.vpc().maxAzs()).isEqualTo(2);
        assertThat(c.opensearch().instanceType()).isEqualTo("t3.small.search");
        assertThat(c.processor()).isEqualTo(new LogpipeConfig.Processor(1024, 60, 5));
        assertThat(c.msk()).isEqualTo(new LogpipeConfig.Msk(false, 500, 0, "LATEST", 6));
        assertThat(c.services()).extracting(LogpipeConfig.Service::logGroup).containsExactly("/ecs/sample-app", "/ecs/ingest-api");
        assertThat(c.lake()).isEqualTo(new LogpipeConfig.Lake(30, 90, 365, 10240));
    }

    @Test
    void badValuesFailNamingTheKey() {
        assertThatThrownBy(() -> with("retentionDays", Map.of("app", 10)))
                .hasMessageContaining("retentionDays.app must be a CloudWatch Logs retention value").hasMessageContaining("was 10");
        assertThatThrownBy(() -> with("opensearch", Map.of("instanceType", "t3.small", "instanceCount", 1)))
                .hasMessageContaining("opensearch.instanceType must end in .search");
        assertThatThrownBy(() -> with("opensearch", Map.of("instanceCount", 5, "zoneAware", true)))
                .hasMessageContaining("multiple of 2 or 3");
        assertThatThrownBy(() -> with("processor", Map.of("timeoutSeconds", 901)))
                .hasMessageContaining("processor.timeoutSeconds must be 1..900");
        assertThatThrownBy(() -> with("msk", Map.of("enabled", true, "startingPosition", "EARLIEST")))
                .hasMessageContaining("msk.startingPosition must be LATEST or TRIM_HORIZON");
        assertThatThrownBy(() -> with("services", List.of(Map.of("name", "a", "logGroup", "/x"), Map.of("name", "a", "logGroup", "/y"))))
                .hasMessageContaining("duplicate name a");
        assertThatThrownBy(() -> with("lake", Map.of("iaAfterDays", 30, "glacierAfterDays", 40)))
                .hasMessageContaining("glacierAfterDays must be >= iaAfterDays + 30");
    }

    @Test
    void unknownKeysAndMissingEnvironmentsAreErrors() {
        assertThatThrownBy(() -> with("retentionDay", Map.of()))
                .hasMessageContaining("invalid context logpipe:dev").hasMessageContaining("retentionDay");
        assertThatThrownBy(() -> LogpipeConfig.fromContext("staging", null))
                .hasMessageContaining("context key logpipe:staging is missing");
    }
}
