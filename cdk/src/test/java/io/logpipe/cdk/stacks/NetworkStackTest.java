package io.logpipe.cdk.stacks;

import io.logpipe.cdk.support.TestApps;
import io.logpipe.cdk.support.Templates;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkStackTest {

    private static Template template(String env) {
        return Template.fromStack(TestApps.synth(env).pipeline().network());
    }

    @Test
    void privateIsolatedSubnetsOnlyAndNoNat() {
        Template dev = template("dev");
        dev.resourceCountIs("AWS::EC2::NatGateway", 0);
        dev.resourceCountIs("AWS::EC2::InternetGateway", 0);
        dev.resourceCountIs("AWS::EC2::Subnet", 2);
        dev.allResourcesProperties("AWS::EC2::Subnet", Map.of("MapPublicIpOnLaunch", false));
        template("prod").resourceCountIs("AWS::EC2::Subnet", 3);
    }

    @Test
    void gatewayAndInterfaceEndpointsReplaceNat() {
        Template dev = template("dev");
        assertThat(Templates.properties(dev, "AWS::EC2::VPCEndpoint").values().stream()
                .filter(p -> "Gateway".equals(p.get("VpcEndpointType"))).map(p -> service(p.get("ServiceName"))))
                .containsExactly("s3");
        assertThat(interfaceServices(dev)).containsExactlyInAnyOrder("logs", "ecr.api", "ecr.dkr", "kinesis-firehose");
        // With MSK: the event source mapping needs STS and Lambda, the topic provisioner the MSK API; with hash-mode
        // redaction the processor reads its key from Secrets Manager.
        assertThat(interfaceServices(template("prod"))).containsExactlyInAnyOrder("logs", "ecr.api", "ecr.dkr",
                "kinesis-firehose", "sts", "lambda", "kafka", "secretsmanager");
        dev.allResourcesProperties("AWS::EC2::VPCEndpoint", Match.objectLike(Map.of()));
        Templates.properties(dev, "AWS::EC2::VPCEndpoint").values().stream()
                .filter(p -> "Interface".equals(p.get("VpcEndpointType")))
                .forEach(p -> assertThat(p.get("PrivateDnsEnabled")).isEqualTo(true));
    }

    @Test
    void flowLogsKeptForTheAuditTier() {
        Template dev = template("dev");
        dev.hasResourceProperties("AWS::EC2::FlowLog", Map.of("TrafficType", "ALL", "LogDestinationType", "cloud-watch-logs"));
        dev.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 90));
        template("prod").hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 400));
    }

    @Test
    void endpointsAdmitHttpsFromTheVpcOnly() {
        template("dev").hasResourceProperties("AWS::EC2::SecurityGroup", Map.of(
                "SecurityGroupIngress", List.of(Match.objectLike(Map.of(
                        "CidrIp", NetworkStack.CIDR, "FromPort", 443, "ToPort", 443, "IpProtocol", "tcp")))));
    }

    @SuppressWarnings("unchecked")
    private static List<String> interfaceServices(Template t) {
        return Templates.properties(t, "AWS::EC2::VPCEndpoint").values().stream()
                .filter(p -> "Interface".equals(p.get("VpcEndpointType")))
                .map(p -> service(p.get("ServiceName")))
                .toList();
    }

    /** "logs" from com.amazonaws.{Region}.logs, written as Fn::Join ["", ["com.amazonaws.", {Ref: AWS::Region}, ".logs"]]. */
    @SuppressWarnings("unchecked")
    private static String service(Object name) {
        if (name instanceof String s) {
            return s.substring(s.indexOf('.', "com.amazonaws.".length()) + 1);
        }
        List<Object> parts = (List<Object>) ((List<Object>) ((Map<String, Object>) name).get("Fn::Join")).get(1);
        return String.valueOf(parts.getLast()).substring(1);
    }
}
