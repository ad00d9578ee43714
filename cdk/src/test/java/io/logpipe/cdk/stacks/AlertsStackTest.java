package io.logpipe.cdk.stacks;

import io.logpipe.cdk.config.LogpipeConfig;
import io.logpipe.cdk.support.TestApps;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

class AlertsStackTest {
    private static final TestApps.Synthesized PROD_APP = TestApps.synth("prod");
    private static final Template DEV = Template.fromStack(TestApps.synth("dev").pipeline().alerts());
    private static final Template PROD = Template.fromStack(PROD_APP.pipeline().alerts());

    @Test
    void topicIsKmsEncryptedTlsOnlyWithTheConfiguredEmails() {
        PROD.hasResourceProperties("AWS::SNS::Topic", Match.objectLike(Map.of("KmsMasterKeyId", Match.anyValue())));
        PROD.hasResourceProperties("AWS::SNS::TopicPolicy", Match.objectLike(Map.of("PolicyDocument", Match.objectLike(
                Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
        PROD.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email",
                "Endpoint", "oncall@example.com", "TopicArn", Match.anyValue()));
        DEV.resourceCountIs("AWS::SNS::Subscription", 0);
    }

    @Test
    void pipelineHealthAlarmsWatchTheRightMetrics() {
        for (String[] m : new String[][] {
                {"AWS/Lambda", "Errors"}, {"AWS/Lambda", "Throttles"}, {"AWS/Lambda", "AsyncEventAge"},
                {"AWS/Lambda", "OffsetLag"},
                {"logpipe", "EventsDeadLettered"}, {"logpipe", "PayloadsDeadLettered"}, {"logpipe", "SinkFailures"},
                {"AWS/ES", "ClusterStatus.red"}, {"AWS/ES", "ClusterStatus.yellow"}, {"AWS/ES", "FreeStorageSpace"},
                {"AWS/ES", "JVMMemoryPressure"},
                {"AWS/Firehose", "DeliveryToS3.Success"}, {"AWS/Firehose", "DeliveryToS3.DataFreshness"}}) {
            PROD.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                    "Namespace", m[0], "MetricName", m[1],
                    "AlarmActions", List.of(Match.objectLike(Map.of("Ref", Match.anyValue()))))));
        }
        // dead letters per source: the Kafka path only exists with MSK
        PROD.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("MetricName", "EventsDeadLettered",
                "Dimensions", List.of(Map.of("Name", "Source", "Value", "kafka")))));
        DEV.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("MetricName", "OffsetLag")), 0);
        LogpipeConfig config = PROD_APP.pipeline().config();
        PROD.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("MetricName", "FreeStorageSpace",
                "Threshold", config.opensearch().volumeGb() * 1024.0 * AlertsStack.FREE_STORAGE_SHARE,
                "ComparisonOperator", "LessThanThreshold")));
        PROD.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    }

    @Test
    void monthlyBudgetMailsTheConfiguredAddresses() {
        PROD.hasResourceProperties("AWS::Budgets::Budget", Match.objectLike(Map.of(
                "Budget", Match.objectLike(Map.of("BudgetType", "COST", "TimeUnit", "MONTHLY",
                        "BudgetLimit", Map.of("Amount", 1500, "Unit", "USD"))),
                "NotificationsWithSubscribers", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Subscribers", List.of(Map.of("Address", "oncall@example.com", "SubscriptionType", "EMAIL")))))))));
    }
}
