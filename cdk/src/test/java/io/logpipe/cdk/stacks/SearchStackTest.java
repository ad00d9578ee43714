package io.logpipe.cdk.stacks;

import io.logpipe.cdk.support.TestApps;
import io.logpipe.cdk.support.Templates;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SearchStackTest {

    private static Template template(String env) {
        return Template.fromStack(TestApps.synth(env).pipeline().search());
    }

    @Test
    void newestEngineEncryptedEverywhereHttpsOnlyTls12() {
        Template dev = template("dev");
        dev.hasResourceProperties("AWS::OpenSearchService::Domain", Match.objectLike(Map.of(
                "EngineVersion", "OpenSearch_3.5",
                "DomainName", "logpipe-dev",
                "EncryptionAtRestOptions", Map.of("Enabled", true, "KmsKeyId", Match.anyValue()),
                "NodeToNodeEncryptionOptions", Map.of("Enabled", true),
                "DomainEndpointOptions", Match.objectLike(Map.of(
                        "EnforceHTTPS", true, "TLSSecurityPolicy", "Policy-Min-TLS-1-2-PFS-2023-10")),
                "VPCOptions", Match.objectLike(Map.of("SubnetIds", Match.anyValue(), "SecurityGroupIds", Match.anyValue())))));
        dev.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    }

    @Test
    void fineGrainedAccessControlWithAnIamMasterRoleAndNoPassword() {
        Map<String, Object> domain = Templates.properties(template("dev"), "AWS::OpenSearchService::Domain")
                .values().iterator().next();
        @SuppressWarnings("unchecked")
        Map<String, Object> security = (Map<String, Object>) domain.get("AdvancedSecurityOptions");
        assertThat(security).containsEntry("Enabled", true).containsEntry("InternalUserDatabaseEnabled", false);
        assertThat(security.get("MasterUserOptions").toString()).contains("MasterUserARN").doesNotContain("Password");
    }

    @Test
    void zoneAwarenessAndDedicatedMastersInProdOnly() {
        template("prod").hasResourceProperties("AWS::OpenSearchService::Domain", Match.objectLike(Map.of(
                "ClusterConfig", Match.objectLike(Map.of(
                        "InstanceType", "r7g.large.search", "InstanceCount", 3,
                        "ZoneAwarenessEnabled", true,
                        "ZoneAwarenessConfig", Map.of("AvailabilityZoneCount", 3),
                        "DedicatedMasterEnabled", true, "DedicatedMasterType", "m7g.large.search",
                        "DedicatedMasterCount", 3)))));
        template("dev").hasResourceProperties("AWS::OpenSearchService::Domain", Match.objectLike(Map.of(
                "ClusterConfig", Match.objectLike(Map.of(
                        "InstanceType", "t3.small.search", "InstanceCount", 1,
                        "ZoneAwarenessEnabled", false, "DedicatedMasterEnabled", false)))));
    }

    @Test
    void slowAndErrorLogsToCloudWatchWithRetentionPerTier() {
        Template dev = template("dev");
        Map<String, Object> domain = Templates.properties(dev, "AWS::OpenSearchService::Domain").values().iterator().next();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> logs = (Map<String, Map<String, Object>>) domain.get("LogPublishingOptions");
        assertThat(logs).containsOnlyKeys("SEARCH_SLOW_LOGS", "INDEX_SLOW_LOGS", "ES_APPLICATION_LOGS", "AUDIT_LOGS");
        logs.values().forEach(l -> assertThat(l).containsEntry("Enabled", true));
        List<Object> dayValues = Templates.properties(dev, "AWS::Logs::LogGroup").values().stream()
                .map(p -> p.get("RetentionInDays")).toList();
        assertThat(dayValues).contains(30, 90).doesNotContainNull();
        template("prod").hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 365));
        template("prod").hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 400));
        // The service may write to exactly these groups, from this account.
        dev.hasResourceProperties("AWS::Logs::ResourcePolicy", Map.of("PolicyDocument", Match.anyValue()));
    }

    @Test
    void bootstrapCustomResourceMapsTheProcessorRole() {
        Template dev = template("dev");
        dev.hasResourceProperties("Custom::LogpipeIndexBootstrap", Match.objectLike(Map.of(
                "DataStream", "app-logs", "RetentionDays", "14", "Replicas", "0", "RefreshInterval", "1s",
                "Endpoint", Match.anyValue(),
                "RoleArn", Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(List.of(
                        ":role/logpipe-dev-processor-")))))))));
        dev.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.logpipe.processor.handler.BootstrapHandler::handleRequest",
                "Runtime", "java25", "Architectures", List.of("arm64"))));
        template("prod").hasResourceProperties("Custom::LogpipeIndexBootstrap", Match.objectLike(Map.of(
                "RetentionDays", "30", "Replicas", "1")));
    }

    @Test
    void accessPolicyAdmitsOnlyThisAccountsPrincipalsToTheHttpApi() {
        Map<String, Object> domain = Templates.properties(template("dev"), "AWS::OpenSearchService::Domain").values().iterator().next();
        String policy = domain.get("AccessPolicies").toString();
        assertThat(policy).contains("es:ESHttpGet").contains(":root").doesNotContain("\"*\"").doesNotContain("es:*");
    }
}
