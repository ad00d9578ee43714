package io.logpipe.cdk.stacks;

import io.logpipe.cdk.RepoPaths;
import io.logpipe.cdk.support.TestApps;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AppsStackTest {
    private static final Template DEV = Template.fromStack(TestApps.synth("dev").pipeline().apps());
    private static final Template PROD = Template.fromStack(TestApps.synth("prod").pipeline().apps());

    @Test
    void clusterHasContainerInsights() {
        DEV.hasResourceProperties("AWS::ECS::Cluster", Match.objectLike(Map.of("ClusterSettings",
                List.of(Map.of("Name", "containerInsights", "Value", "enabled")))));
    }

    @Test
    void eachServiceShipsStdoutThroughFireLensToItsOwnLogGroup() {
        for (var service : List.of(Map.entry("sample-app", "/ecs/sample-app"), Map.entry("ingest-api", "/ecs/ingest-api"))) {
            PROD.hasResourceProperties("AWS::ECS::TaskDefinition", Match.objectLike(Map.of(
                    "ContainerDefinitions", Match.arrayWith(List.of(
                            Match.objectLike(Map.of(
                                    "Name", "log-router",
                                    "Essential", true,
                                    "FirelensConfiguration", Map.of("Type", "fluentbit", "Options", Map.of(
                                            "enable-ecs-log-metadata", "true",
                                            "config-file-type", "file",
                                            "config-file-value", AppsStack.FIRELENS_CONFIG)))),
                            Match.objectLike(Map.of(
                                    "Name", service.getKey(),
                                    "LogConfiguration", Map.of("LogDriver", "awsfirelens", "Options", Match.objectLike(Map.of(
                                            "Name", "cloudwatch_logs",
                                            "log_group_name", service.getValue(),
                                            "auto_create_group", "false"))))))))));
        }
        // The dev config has MSK off: no ingestion API to run.
        DEV.resourceCountIs("AWS::ECS::Service", 1);
        PROD.resourceCountIs("AWS::ECS::Service", 2);
    }

    @Test
    void routerImageJoinsJavaAndPythonStackTraces() throws Exception {
        String conf = Files.readString(RepoPaths.root().resolve("cdk/firelens/multiline.conf"));
        assertThat(conf).contains("multiline.key_content log").containsPattern("multiline.parser\\s+java,python")
                .containsPattern("mode\\s+partial_message");
        assertThat(Files.readString(RepoPaths.root().resolve("cdk/firelens/Dockerfile")))
                .containsPattern("FROM public.ecr.aws/aws-observability/aws-for-fluent-bit:\\d+\\.\\d+\\.\\d+\\n")
                .contains("COPY multiline.conf " + AppsStack.FIRELENS_CONFIG);
        DEV.hasResourceProperties("AWS::Logs::LogGroup",
                Map.of("RetentionInDays", TestApps.synth("dev").pipeline().config().retentionDays().pipeline()));
    }

    @Test
    void tasksRunPrivatelyAndTheIngestApiIsFoundThroughCloudMap() {
        PROD.allResourcesProperties("AWS::ECS::Service", Match.objectLike(Map.of("NetworkConfiguration", Map.of(
                "AwsvpcConfiguration", Match.objectLike(Map.of("AssignPublicIp", "DISABLED"))))));
        PROD.hasResourceProperties("AWS::ServiceDiscovery::Service", Match.objectLike(Map.of("Name", "ingest-api")));
        PROD.resourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 0);
        // its own group (API port from the VPC) and the Kafka client group the MSK cluster admits
        PROD.hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of("ServiceName", "ingest-api",
                "NetworkConfiguration", Map.of("AwsvpcConfiguration", Match.objectLike(Map.of(
                        "SecurityGroups", List.of(Match.anyValue(), Match.anyValue())))))));
        PROD.hasResourceProperties("AWS::EC2::SecurityGroup", Match.objectLike(Map.of("SecurityGroupIngress", List.of(
                Match.objectLike(Map.of("CidrIp", "10.40.0.0/16", "FromPort", AppsStack.INGEST_API_PORT,
                        "ToPort", AppsStack.INGEST_API_PORT))))));
    }

    @Test
    void ingestApiMayOnlyConnectAndWriteTheAppLogsTopic() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        String policies = mapper.writeValueAsString(PROD.findResources("AWS::IAM::Policy"));
        PROD.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Action", List.of("kafka-cluster:Connect",
                                "kafka-cluster:WriteDataIdempotently"), "Effect", "Allow")),
                        Match.objectLike(Map.of("Action", List.of("kafka-cluster:DescribeTopic",
                                "kafka-cluster:WriteData"), "Effect", "Allow")))))))));
        // the topic ARN is the cluster's with :topic/ and the app-logs name, never a wildcard
        assertThat(policies).contains(":topic/").contains("/app-logs").doesNotContain("kafka-cluster:*");
        String devPolicies = mapper.writeValueAsString(DEV.findResources("AWS::IAM::Policy"));
        assertThat(devPolicies).doesNotContain("kafka-cluster");
    }

    @Test
    void eachAppHasAnEcsHealthCheckRunningItsImagesProbeAndStartsAfterItsRouter() throws Exception {
        for (var service : List.of(Map.entry("sample-app", List.of("CMD", "java", "-XX:TieredStopAtLevel=1", "-cp",
                        "/app/sample-app.jar", "io.logpipe.sample.HealthCheck")),
                Map.entry("ingest-api", List.of("CMD", "java", "-XX:TieredStopAtLevel=1", "-cp",
                        "/app/logpipe-ingest-api.jar", "io.logpipe.ingest.HealthProbe")))) {
            PROD.hasResourceProperties("AWS::ECS::TaskDefinition", Match.objectLike(Map.of(
                    "ContainerDefinitions", Match.arrayWith(List.of(
                            Match.objectLike(Map.of("Name", "log-router", "Essential", true)),
                            Match.objectLike(Map.of(
                                    "Name", service.getKey(),
                                    "Essential", true,
                                    "HealthCheck", Map.of(
                                            "Command", service.getValue(),
                                            "Interval", 30,
                                            "Timeout", 10,
                                            "Retries", 3,
                                            "StartPeriod", 60),
                                    "DependsOn", List.of(Map.of("ContainerName", "log-router",
                                            "Condition", "START")))))))));
            // the same probe the image's own HEALTHCHECK runs (a jar or class renamed there must be renamed here)
            String dockerfile = Files.readString(RepoPaths.root().resolve(service.getKey() + "/Dockerfile"));
            String exec = service.getValue().subList(1, service.getValue().size()).stream()
                    .map(a -> "\"" + a + "\"").collect(java.util.stream.Collectors.joining(", "));
            assertThat(dockerfile).contains("CMD [" + exec + "]");
            String className = service.getValue().getLast();
            String module = service.getKey();
            assertThat(RepoPaths.root().resolve(module + "/src/main/java/" + className.replace('.', '/') + ".java"))
                    .isRegularFile();
        }
        // two health checks, the apps': the router has none (nothing in the aws-for-fluent-bit image to probe it with)
        String tasks = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                PROD.findResources("AWS::ECS::TaskDefinition"));
        assertThat(tasks.split("\"HealthCheck\"", -1)).hasSize(3);
    }
}
