package io.logpipe.cdk.stacks;

import io.logpipe.cdk.support.TestApps;
import io.logpipe.cdk.support.Templates;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessingStackTest {

    private static Template template(String env) {
        return Template.fromStack(TestApps.synth(env).pipeline().processing());
    }

    @Test
    void processorIsJava25OnArm64WithSnapStartTracingAndConfiguredSizes() {
        template("dev").hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", ProcessingStack.HANDLER,
                "Runtime", "java25",
                "Architectures", List.of("arm64"),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "TracingConfig", Map.of("Mode", "Active"),
                "MemorySize", 1024, "Timeout", 60, "ReservedConcurrentExecutions", 5,
                "VpcConfig", Match.objectLike(Map.of("SubnetIds", Match.anyValue())))));
        template("prod").hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", ProcessingStack.HANDLER, "MemorySize", 2048, "Timeout", 120, "ReservedConcurrentExecutions", 20)));
    }

    @Test
    void environmentNamesWhatTheProcessorReads() {
        template("dev").hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", ProcessingStack.HANDLER,
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "LOGPIPE_SINK", "opensearch",
                        "LOGPIPE_OPENSEARCH_AUTH", "sigv4",
                        "LOGPIPE_OPENSEARCH_INDEX", "app-logs",
                        "LOGPIPE_OPENSEARCH_ENDPOINT", Match.anyValue(),
                        "LOGPIPE_DEAD_LETTER_BUCKET", Match.anyValue(),
                        "LOGPIPE_DEAD_LETTER_PREFIX", "dead-letter/",
                        "LOGPIPE_DEFAULT_ENVIRONMENT", "dev",
                        "LOGPIPE_LOG_GROUP_PATTERNS", Match.stringLikeRegexp(".*sample-app.*")))))));
    }

    @Test
    void hashModeRedactionReadsItsKeyFromSecretsManagerNeverFromTheConfiguration() {
        Template dev = template("dev");
        dev.resourceCountIs("AWS::SecretsManager::Secret", 0);
        Templates.properties(dev, "AWS::Lambda::Function").values().forEach(f ->
                assertThat(f.toString()).doesNotContain("LOGPIPE_REDACT_HASH_KEY"));

        Template prod = template("prod");
        Map<String, Map<String, Object>> secrets = Templates.properties(prod, "AWS::SecretsManager::Secret");
        assertThat(secrets).hasSize(1);
        String secretId = secrets.keySet().iterator().next();
        assertThat(secrets.get(secretId)).containsKey("GenerateSecretString").doesNotContainKey("SecretString");
        prod.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", ProcessingStack.HANDLER,
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "LOGPIPE_REDACT_MODE", "hash",
                        "LOGPIPE_REDACT_HASH_KEY_SECRET_ARN", Map.of("Ref", secretId)))))));
        Templates.properties(prod, "AWS::Lambda::Function").values().forEach(f ->
                assertThat(f.toString()).doesNotContain("LOGPIPE_REDACT_HASH_KEY="));
        prod.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "RedactionHashKey",
                        "Action", "secretsmanager:GetSecretValue",
                        "Resource", Map.of("Ref", secretId))))))))));
    }

    @Test
    void invokedThroughTheLiveAliasWithAnS3OnFailureDestination() {
        Template dev = template("dev");
        dev.hasResourceProperties("AWS::Lambda::Alias", Match.objectLike(Map.of("Name", "live",
                "FunctionVersion", Map.of("Fn::GetAtt", Match.arrayWith(List.of("Version"))))));
        dev.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Match.objectLike(Map.of(
                "MaximumRetryAttempts", 2,
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination", Match.anyValue())))));
        dev.resourceCountIs("AWS::Lambda::Version", 1);
    }

    @Test
    void oneSubscriptionFilterAndOneScopedPermissionPerServiceLogGroup() {
        Template dev = template("dev");
        dev.hasResourceProperties("AWS::Logs::LogGroup", Map.of("LogGroupName", "/ecs/sample-app", "RetentionInDays", 14));
        dev.hasResourceProperties("AWS::Logs::LogGroup", Map.of("LogGroupName", "/ecs/ingest-api", "RetentionInDays", 14));
        template("prod").hasResourceProperties("AWS::Logs::LogGroup", Map.of("LogGroupName", "/ecs/sample-app", "RetentionInDays", 90));

        Map<String, Map<String, Object>> filters = Templates.properties(dev, "AWS::Logs::SubscriptionFilter");
        List<Map<String, Object>> toProcessor = filters.values().stream()
                .filter(f -> "logpipe-processor".equals(f.get("FilterName"))).toList();
        assertThat(toProcessor).hasSize(2);
        toProcessor.forEach(f -> assertThat(f.get("DestinationArn").toString()).contains("Live"));

        Map<String, Map<String, Object>> permissions = Templates.properties(dev, "AWS::Lambda::Permission");
        List<Map<String, Object>> fromLogs = permissions.values().stream()
                .filter(p -> "logs.amazonaws.com".equals(p.get("Principal"))).toList();
        assertThat(fromLogs).hasSize(2).allSatisfy(p -> {
            assertThat(p).containsEntry("Action", "lambda:InvokeFunction")
                    .containsEntry("SourceAccount", Map.of("Ref", "AWS::AccountId"));
            assertThat(p.get("SourceArn").toString()).contains("Service").contains("Arn");
            assertThat(p.get("FunctionName").toString()).contains("Live");
        });
        dev.resourceCountIs("AWS::Logs::AccountPolicy", 0);
    }

    @Test
    void roleWritesOnlyTheBulkPathAndTheFailurePrefixes() {
        Template dev = template("dev");
        List<Map<String, Object>> statements = Templates.iamStatements(dev);
        Map<String, Object> bulk = statements.stream().filter(s -> "BulkIntoDataStream".equals(s.get("Sid"))).findFirst().orElseThrow();
        assertThat(Templates.list(bulk.get("Action"))).containsExactlyInAnyOrder("es:ESHttpPost", "es:ESHttpPut");
        assertThat(bulk.get("Resource").toString()).endsWith("/app-logs/_bulk]]}");
        Map<String, Object> deadLetters = statements.stream().filter(s -> "DeadLetters".equals(s.get("Sid"))).findFirst().orElseThrow();
        assertThat(Templates.list(deadLetters.get("Action"))).containsExactly("s3:PutObject");
        assertThat(deadLetters.get("Resource").toString()).contains("/dead-letter/*");
        Map<String, Object> failures = statements.stream().filter(s -> "FailureRecords".equals(s.get("Sid"))).findFirst().orElseThrow();
        assertThat(failures.get("Resource").toString()).contains("/aws/lambda/*");
        dev.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of("RoleName",
                Map.of("Fn::Join", List.of("", List.of("logpipe-dev-processor-", Map.of("Ref", "AWS::Region")))))));
    }

    @Test
    void accountPolicyReplacesThePerGroupFiltersAndSkipsTheProcessorsOwnLogs() {
        Template t = Template.fromStack(TestApps.synthWith("dev", Map.of("accountPolicy", true)).pipeline().processing());
        // No filter to the processor; the raw archive (DataLake's Firehose stream) keeps its filter on each group.
        t.resourceCountIs("AWS::Logs::SubscriptionFilter", 2);
        t.resourcePropertiesCountIs("AWS::Logs::SubscriptionFilter",
                Match.objectLike(Map.of("FilterName", "logpipe-raw-archive")), 2);
        t.hasResourceProperties("AWS::Logs::AccountPolicy", Match.objectLike(Map.of(
                "PolicyType", "SUBSCRIPTION_FILTER_POLICY", "Scope", "ALL",
                "PolicyName", "logpipe-dev-processor",
                "SelectionCriteria", Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(
                        Match.arrayWith(List.of("LogGroupName NOT IN [\"")))))))));
        Map<String, Object> policy = Templates.properties(t, "AWS::Logs::AccountPolicy").values().iterator().next();
        assertThat(policy.get("PolicyDocument").toString()).contains("DestinationArn").contains("Live");
        List<Map<String, Object>> fromLogs = Templates.properties(t, "AWS::Lambda::Permission").values().stream()
                .filter(p -> "logs.amazonaws.com".equals(p.get("Principal"))).toList();
        assertThat(fromLogs).hasSize(1);
        assertThat(fromLogs.getFirst()).containsEntry("SourceAccount", Map.of("Ref", "AWS::AccountId"));
        assertThat(fromLogs.getFirst().get("SourceArn").toString()).contains(":log-group:*");
        // The service log groups are still created with their retention.
        t.hasResourceProperties("AWS::Logs::LogGroup", Map.of("LogGroupName", "/ecs/sample-app", "RetentionInDays", 14));
    }

    @Test
    void anExistingLogGroupIsImportedAndStillSubscribed() {
        Template t = Template.fromStack(TestApps.synthWith("dev", Map.of("services", List.of(
                Map.of("name", "sample-app", "logGroup", "/ecs/sample-app"),
                Map.of("name", "billing", "logGroup", "/legacy/billing", "existing", true)))).pipeline().processing());
        List<Object> created = Templates.properties(t, "AWS::Logs::LogGroup").values().stream()
                .map(p -> p.get("LogGroupName")).filter(java.util.Objects::nonNull).toList();
        assertThat(created).contains("/ecs/sample-app").doesNotContain("/legacy/billing");
        t.hasResourceProperties("AWS::Logs::SubscriptionFilter", Match.objectLike(Map.of(
                "LogGroupName", "/legacy/billing", "FilterName", "logpipe-processor")));
        Map<String, Object> permission = Templates.properties(t, "AWS::Lambda::Permission").values().stream()
                .filter(p -> p.get("SourceArn").toString().contains("/legacy/billing")).findFirst().orElseThrow();
        assertThat(permission.get("SourceArn").toString()).contains(":log-group:/legacy/billing:*");
        assertThat(permission).containsEntry("SourceAccount", Map.of("Ref", "AWS::AccountId"));
    }
}
