package io.logpipe.cdk.stacks;

import io.logpipe.cdk.support.TestApps;
import io.logpipe.cdk.support.Templates;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Prod has msk.enabled; dev has not and gets no streaming stack at all. */
class StreamingStackTest {

    private static Template prod() {
        return Template.fromStack(TestApps.synth("prod").pipeline().streaming());
    }

    @Test
    void onlyWhenEnabled() {
        assertThat(TestApps.synth("dev").pipeline().streaming()).isNull();
        assertThat(TestApps.synth("dev").assembly().getStacks()).noneMatch(s -> s.getStackName().contains("Streaming"));
    }

    @Test
    void serverlessClusterWithIamAuthInThePrivateSubnets() {
        prod().hasResourceProperties("AWS::MSK::ServerlessCluster", Match.objectLike(Map.of(
                "ClusterName", "logpipe-prod",
                "ClientAuthentication", Map.of("Sasl", Map.of("Iam", Map.of("Enabled", true))),
                "VpcConfigs", List.of(Match.objectLike(Map.of(
                        "SubnetIds", Match.anyValue(), "SecurityGroups", Match.anyValue()))))));
        @SuppressWarnings("unchecked")
        List<Object> subnets = (List<Object>) ((Map<String, Object>) ((List<Object>) Templates
                .properties(prod(), "AWS::MSK::ServerlessCluster").values().iterator().next().get("VpcConfigs")).get(0))
                .get("SubnetIds");
        assertThat(subnets).hasSize(3);
    }

    @Test
    void topicCreatedByTheProvisionerCustomResource() {
        Template t = prod();
        t.hasResourceProperties("Custom::LogpipeKafkaTopic", Match.objectLike(Map.of(
                "Topic", "app-logs", "Partitions", "6", "ClusterArn", Match.anyValue())));
        t.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", StreamingStack.TOPIC_HANDLER, "Runtime", "java25", "Architectures", List.of("arm64"),
                "Environment", Map.of("Variables", Map.of("KAFKA_SASL", "iam")))));
    }

    @Test
    void eventSourceMappingFromConfigIntoTheMskProcessorAlias() {
        Template t = prod();
        t.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "Topics", List.of("app-logs"),
                "BatchSize", 500,
                "MaximumBatchingWindowInSeconds", 5,
                "StartingPosition", "LATEST",
                "AmazonManagedKafkaEventSourceConfig", Map.of("ConsumerGroupId", "logpipe-prod-processor"),
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination", Match.anyValue())),
                "FunctionName", Match.anyValue())));
        Map<String, Object> mapping = Templates.properties(t, "AWS::Lambda::EventSourceMapping").values().iterator().next();
        assertThat(mapping.get("FunctionName").toString()).contains(":live").contains("{Ref=Live");
        t.hasResourceProperties("AWS::Lambda::Alias", Match.objectLike(Map.of("Name", "live")));
        t.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", StreamingStack.MSK_HANDLER, "Runtime", "java25", "Architectures", List.of("arm64"),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"), "TracingConfig", Map.of("Mode", "Active"))));
    }

    @Test
    void processorRoleReadsThisTopicAsThisGroupOnly() {
        List<Map<String, Object>> statements = Templates.iamStatements(prod());
        Map<String, Object> topic = statements.stream().filter(s -> "Topic".equals(s.get("Sid"))).findFirst().orElseThrow();
        assertThat(Templates.list(topic.get("Action"))).containsExactlyInAnyOrder("kafka-cluster:DescribeTopic", "kafka-cluster:ReadData");
        assertThat(topic.get("Resource").toString()).contains(":topic/logpipe-prod/").endsWith("/app-logs]]}");
        Map<String, Object> group = statements.stream().filter(s -> "ConsumerGroup".equals(s.get("Sid"))).findFirst().orElseThrow();
        assertThat(Templates.list(group.get("Action"))).containsExactlyInAnyOrder("kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup");
        assertThat(group.get("Resource").toString()).contains(":group/logpipe-prod/").endsWith("/logpipe-prod-processor]]}");
        Map<String, Object> cluster = statements.stream().filter(s -> "Cluster".equals(s.get("Sid"))).findFirst().orElseThrow();
        assertThat(Templates.list(cluster.get("Action"))).contains("kafka-cluster:Connect");
        assertThat(cluster.get("Resource")).isEqualTo(Map.of("Fn::GetAtt", List.of(clusterId(), "Arn")));
    }

    private static String clusterId() {
        return Templates.properties(prod(), "AWS::MSK::ServerlessCluster").keySet().iterator().next();
    }
}
