package io.logpipe.cdk.stacks;

import io.logpipe.cdk.alerts.AlertChannel;
import io.logpipe.cdk.config.LogpipeConfig;
import io.logpipe.processor.handler.Metrics;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.budgets.CfnBudget;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pipeline health: one KMS-encrypted SNS topic (e-mail subscriptions from config; Slack and PagerDuty plug in as
 * {@link AlertChannel}s), CloudWatch alarms on the processor, its dead letters, the MSK lag, OpenSearch and the
 * Firehose streams, a dashboard of the same metrics, and the monthly AWS budget.
 */
public class AlertsStack extends Stack {
    /** Alarm periods: five minutes, the finest most AWS/* metrics here are published at. */
    static final Duration PERIOD = Duration.minutes(5);
    /** An event older than this in Lambda's async queue means the processor does not keep up. */
    public static final int ASYNC_EVENT_AGE_MS = 5 * 60 * 1000;
    public static final int OFFSET_LAG_RECORDS = 10_000;
    public static final int JVM_PRESSURE_PERCENT = 80;
    /** FreeStorageSpace alarm: below this share of one node's volume. */
    public static final double FREE_STORAGE_SHARE = 0.25;

    /**
     * @param processorFunctionName the processor (the function, not an alias: AWS/Lambda FunctionName metrics
     *                              cover every version)
     * @param domainName            the OpenSearch domain
     * @param lake              the Firehose streams
     * @param channels          alert channels beyond e-mail; empty until Slack/PagerDuty delivery exists
     */
    public record Props(String processorFunctionName, String domainName, DataLakeStack lake, List<AlertChannel> channels) {
    }

    private final Topic topic;
    private final Key topicKey;
    private final List<Alarm> alarms = new ArrayList<>();

    public AlertsStack(Construct scope, String id, StackProps stackProps, LogpipeConfig config, Props props) {
        super(scope, id, stackProps);
        String env = config.env();

        topicKey = Key.Builder.create(this, "TopicKey")
                .description("logpipe " + env + " alarm topic")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // CloudWatch alarms publish to the encrypted topic with this key.
        topicKey.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", getAccount())))
                .build());
        topic = Topic.Builder.create(this, "AlarmTopic")
                .topicName("logpipe-" + env + "-alarms")
                .displayName("logpipe " + env + " alarms")
                .masterKey(topicKey)
                .enforceSsl(true)
                .build();
        for (String email : config.alerts().emails()) {
            topic.addSubscription(new EmailSubscription(email));
        }
        channels(config.alerts(), props.channels());

        SnsAction action = new SnsAction(topic);
        List<IWidget> widgets = new ArrayList<>();
        widgets.add(TextWidget.Builder.create().width(24).height(2)
                .markdown("# logpipe " + env + "\nCloudWatch Logs / MSK → processor Lambda → OpenSearch `app-logs` "
                        + "and the S3 lake (Firehose). Alarms publish to SNS `" + "logpipe-" + env + "-alarms`.")
                .build());

        // Processor
        String fn = props.processorFunctionName();
        Metric errors = lambdaMetric(fn, "Errors", "Sum");
        Metric throttles = lambdaMetric(fn, "Throttles", "Sum");
        Metric asyncAge = lambdaMetric(fn, "AsyncEventAge", "Maximum");
        alarm("ProcessorErrors", errors, 0, ComparisonOperator.GREATER_THAN_THRESHOLD, 1,
                "The processor failed invocations (they are retried, then go to the on-failure destination).");
        alarm("ProcessorThrottles", throttles, 0, ComparisonOperator.GREATER_THAN_THRESHOLD, 1,
                "The processor hit its reserved concurrency; CloudWatch Logs deliveries queue up.");
        alarm("ProcessorAsyncEventAge", asyncAge, ASYNC_EVENT_AGE_MS, ComparisonOperator.GREATER_THAN_THRESHOLD, 3,
                "Subscription events wait in Lambda's async queue longer than 5 minutes: the processor does not keep up "
                        + "(the CloudWatch Logs path's iterator age).");
        widgets.add(graph("Processor invocations", lambdaMetric(fn, "Invocations", "Sum"), errors, throttles));
        widgets.add(graph("Processor duration (ms)", lambdaMetric(fn, "Duration", "Average"),
                lambdaMetric(fn, "Duration", "Maximum")));
        widgets.add(graph("Async event age (ms)", asyncAge));

        // The processor's own EMF metrics, one Source dimension per path.
        List<String> sources = config.msk().enabled() ? List.of("cloudwatch", "kafka") : List.of("cloudwatch");
        List<IMetric> flow = new ArrayList<>();
        List<IMetric> dead = new ArrayList<>();
        for (String source : sources) {
            Metric events = emf(Metrics.DEAD_LETTERED, source);
            Metric payloads = emf(Metrics.PAYLOADS_DEAD_LETTERED, source);
            Metric sink = emf(Metrics.SINK_FAILURES, source);
            alarm("DeadLetteredEvents-" + source, events, 0, ComparisonOperator.GREATER_THAN_THRESHOLD, 1,
                    "Events from " + source + " became dead letters (see the dead-letter prefix of the lake bucket).");
            alarm("DeadLetteredPayloads-" + source, payloads, 0, ComparisonOperator.GREATER_THAN_THRESHOLD, 1,
                    "Whole " + source + " payloads could not be read and became dead letters.");
            alarm("SinkFailures-" + source, sink, 0, ComparisonOperator.GREATER_THAN_THRESHOLD, 1,
                    "The OpenSearch or lake write ran out of retries for " + source + "; the batch is redelivered.");
            flow.add(emf(Metrics.EVENTS_IN, source));
            flow.add(emf(Metrics.DOCUMENTS, source));
            dead.add(events);
            dead.add(payloads);
            dead.add(sink);
        }
        widgets.add(GraphWidget.Builder.create().title("Events in / documents indexed").left(flow).width(12).build());
        widgets.add(GraphWidget.Builder.create().title("Dead letters and sink failures").left(dead).width(12).build());

        if (config.msk().enabled()) {
            Metric lag = lambdaMetric(fn, "OffsetLag", "Maximum");
            alarm("MskOffsetLag", lag, OFFSET_LAG_RECORDS, ComparisonOperator.GREATER_THAN_THRESHOLD, 3,
                    "The MSK event source mapping is more than " + OFFSET_LAG_RECORDS + " records behind on app-logs.");
            widgets.add(graph("MSK offset lag (records)", lag));
        }

        // OpenSearch
        String domain = props.domainName();
        Metric red = openSearch(domain, "ClusterStatus.red", "Maximum");
        Metric yellow = openSearch(domain, "ClusterStatus.yellow", "Maximum");
        Metric freeStorage = openSearch(domain, "FreeStorageSpace", "Minimum");
        Metric jvm = openSearch(domain, "JVMMemoryPressure", "Maximum");
        double minFreeMb = config.opensearch().volumeGb() * 1024.0 * FREE_STORAGE_SHARE;
        alarm("OpenSearchRed", red, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1,
                "At least one primary shard is unassigned: some data is not searchable and writes may fail.");
        alarm("OpenSearchYellow", yellow, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 6,
                "Replica shards unassigned for 30 minutes.");
        alarm("OpenSearchFreeStorage", freeStorage, minFreeMb, ComparisonOperator.LESS_THAN_THRESHOLD, 1,
                "A data node has less than 25% of its volume free (MB); writes block at 20 GB or 20%.");
        alarm("OpenSearchJvmPressure", jvm, JVM_PRESSURE_PERCENT, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 3,
                "JVM memory pressure at or above 80% for 15 minutes: the cluster risks circuit breakers and GC pauses.");
        widgets.add(graph("OpenSearch cluster status", red, yellow));
        widgets.add(graph("OpenSearch free storage (MB) / JVM pressure (%)", freeStorage, jvm));

        // Firehose
        for (var stream : List.of(Map.entry("Raw", props.lake().rawFirehoseName()),
                Map.entry("Structured", props.lake().structuredFirehoseName()))) {
            Metric success = firehose(stream.getValue(), "DeliveryToS3.Success", "Minimum");
            Metric freshness = firehose(stream.getValue(), "DeliveryToS3.DataFreshness", "Maximum");
            alarm("Firehose" + stream.getKey() + "DeliveryFailed", success, 1, ComparisonOperator.LESS_THAN_THRESHOLD, 2,
                    "Firehose " + stream.getKey().toLowerCase() + " deliveries to S3 failed (records go to errors/ "
                            + "after retries).");
            alarm("Firehose" + stream.getKey() + "DataFreshness", freshness, 3.0 * DataLakeStack.BUFFER_SECONDS,
                    ComparisonOperator.GREATER_THAN_THRESHOLD, 3,
                    "The oldest record in the " + stream.getKey().toLowerCase() + " stream is older than three "
                            + "buffer intervals: delivery to S3 is stuck.");
            widgets.add(graph("Firehose " + stream.getKey().toLowerCase(), success, freshness,
                    firehose(stream.getValue(), "IncomingRecords", "Sum")));
        }

        Dashboard dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName("logpipe-" + env)
                .widgets(rows(widgets))
                .build();
        // AWS::CloudWatch::Dashboard takes no Tags in the resource schema cfn-lint 1.51 validates against.
        for (String tag : List.of("project", "environment")) {
            Tags.of(dashboard).remove(tag);
        }
        for (Alarm alarm : alarms) {
            alarm.addAlarmAction(action);
            alarm.addOkAction(action);
        }

        if (config.budgets().monthlyUsd() > 0) {
            budget(config);
        }
    }

    private void channels(LogpipeConfig.Alerts alerts, List<AlertChannel> channels) {
        for (var wanted : List.of(Map.entry("slack", nullToEmpty(alerts.slackWebhookSecretName())),
                Map.entry("pagerduty", nullToEmpty(alerts.pagerDutySecretName())))) {
            if (wanted.getValue().isEmpty()) {
                continue;
            }
            AlertChannel channel = channels.stream().filter(c -> c.kind().equals(wanted.getKey())).findFirst().orElse(null);
            if (channel == null) {
                Annotations.of(this).addWarningV2("logpipe:alerts:" + wanted.getKey(), wanted.getKey()
                        + " secret '" + wanted.getValue() + "' is configured, but " + wanted.getKey()
                        + " delivery is not implemented yet: alarms reach e-mail subscribers only.");
            } else {
                channel.subscribe(this, topic, topicKey, wanted.getValue());
            }
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s.trim();
    }

    private void budget(LogpipeConfig config) {
        List<Object> notifications = new ArrayList<>();
        if (!config.budgets().emails().isEmpty()) {
            List<Object> subscribers = new ArrayList<>();
            for (String email : config.budgets().emails()) {
                subscribers.add(CfnBudget.SubscriberProperty.builder().subscriptionType("EMAIL").address(email).build());
            }
            for (var n : List.of(Map.entry("ACTUAL", 80), Map.entry("FORECASTED", 100))) {
                notifications.add(CfnBudget.NotificationWithSubscribersProperty.builder()
                        .notification(CfnBudget.NotificationProperty.builder()
                                .notificationType(n.getKey()).comparisonOperator("GREATER_THAN")
                                .threshold(n.getValue()).thresholdType("PERCENTAGE").build())
                        .subscribers(subscribers)
                        .build());
            }
        }
        CfnBudget.Builder.create(this, "MonthlyBudget")
                .budget(CfnBudget.BudgetDataProperty.builder()
                        .budgetName("logpipe-" + config.env() + "-monthly")
                        .budgetType("COST")
                        .timeUnit("MONTHLY")
                        .budgetLimit(CfnBudget.SpendProperty.builder().amount(config.budgets().monthlyUsd()).unit("USD").build())
                        .build())
                .notificationsWithSubscribers(notifications)
                .build();
    }

    private void alarm(String id, IMetric metric, double threshold, ComparisonOperator op, int periods, String why) {
        alarms.add(Alarm.Builder.create(this, id)
                .alarmName(getStackName() + "-" + id)
                .alarmDescription(why)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(op)
                .evaluationPeriods(periods)
                .datapointsToAlarm(periods)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
    }

    /** AWS/ES metrics carry the domain and the account (ClientId). */
    private Metric openSearch(String domain, String name, String statistic) {
        Map<String, String> dimensions = new TreeMap<>();
        dimensions.put("ClientId", getAccount());
        dimensions.put("DomainName", domain);
        return Metric.Builder.create().namespace("AWS/ES").metricName(name).dimensionsMap(dimensions)
                .statistic(statistic).period(PERIOD).build();
    }

    private static Metric lambdaMetric(String functionName, String name, String statistic) {
        return Metric.Builder.create().namespace("AWS/Lambda").metricName(name)
                .dimensionsMap(Map.of("FunctionName", functionName))
                .statistic(statistic).period(PERIOD).build();
    }

    private static Metric emf(String name, String source) {
        return Metric.Builder.create().namespace(Metrics.NAMESPACE).metricName(name)
                .dimensionsMap(Map.of("Source", source)).statistic("Sum").period(PERIOD).build();
    }

    private static Metric firehose(String streamName, String name, String statistic) {
        return Metric.Builder.create().namespace("AWS/Firehose").metricName(name)
                .dimensionsMap(Map.of("DeliveryStreamName", streamName)).statistic(statistic).period(PERIOD).build();
    }

    private static GraphWidget graph(String title, IMetric... metrics) {
        return GraphWidget.Builder.create().title(title).left(List.of(metrics)).width(12).build();
    }

    /** Two 12-wide graphs per row, the title text on its own row. */
    private static List<List<IWidget>> rows(List<IWidget> widgets) {
        List<List<IWidget>> rows = new ArrayList<>();
        rows.add(List.of(widgets.getFirst()));
        for (int i = 1; i < widgets.size(); i += 2) {
            rows.add(List.copyOf(widgets.subList(i, Math.min(i + 2, widgets.size()))));
        }
        return rows;
    }

    public ITopic topic() {
        return topic;
    }

    public Key topicKey() {
        return topicKey;
    }

    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }
}
