package io.logpipe.cdk.stacks;

import io.logpipe.cdk.LogpipeApp;
import io.logpipe.cdk.support.TestApps;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts cdk.json leaves off: QuickSight, and alert channels configured before they exist. */
class OptionalPartsTest {
    private static final String PRINCIPAL = "arn:aws:quicksight:us-east-1:111111111111:group/default/analysts";
    private static final LogpipeApp PIPELINE = pipeline();

    @SuppressWarnings("unchecked")
    private static LogpipeApp pipeline() {
        Map<String, Object> context = new LinkedHashMap<>(TestApps.cdkJsonContext());
        Map<String, Object> dev = new LinkedHashMap<>((Map<String, Object>) context.get("logpipe:dev"));
        dev.put("quicksight", Map.of("enabled", true, "principalArn", PRINCIPAL));
        Map<String, Object> alerts = new LinkedHashMap<>((Map<String, Object>) dev.get("alerts"));
        alerts.put("slackWebhookSecretName", "logpipe/slack-webhook");
        dev.put("alerts", alerts);
        context.put("logpipe:dev", dev);
        context.put("env", "dev");
        App app = new App(AppProps.builder().context(context).build());
        return LogpipeApp.build(app);
    }

    @Test
    void quickSightReadsTheLakeThroughTheAthenaWorkgroup() {
        Template lake = Template.fromStack(PIPELINE.lake());
        lake.hasResourceProperties("AWS::QuickSight::DataSource", Match.objectLike(Map.of(
                "Type", "ATHENA",
                "DataSourceParameters", Map.of("AthenaParameters", Map.of("WorkGroup", Match.objectLike(
                        Map.of("Ref", Match.stringLikeRegexp("^WorkGroup"))))),
                "Permissions", List.of(Match.objectLike(Map.of("Principal", PRINCIPAL))))));
    }

    @Test
    void aConfiguredSlackSecretWithoutADeliveryChannelWarnsInsteadOfPretending() {
        Annotations.fromStack(PIPELINE.alerts()).hasWarning("*",
                Match.stringLikeRegexp("slack secret 'logpipe/slack-webhook' is configured, but slack delivery is not "
                        + "implemented yet.*"));
        Template alerts = Template.fromStack(PIPELINE.alerts());
        alerts.resourceCountIs("AWS::Lambda::Function", 0);
        alerts.resourceCountIs("AWS::SNS::Subscription", 0);
    }
}
