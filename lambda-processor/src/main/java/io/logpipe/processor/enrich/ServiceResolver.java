package io.logpipe.processor.enrich;

import io.logpipe.processor.config.LogGroupRule;
import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.model.LogEvent;

import java.util.List;
import java.util.Set;

/**
 * Fills service.name, service.environment and host.name by precedence: the record's own fields (already set
 * by the parser) win, then FireLens/ECS metadata (task definition family, task id, container name), then the
 * log group's naming, then configured defaults. Names like {@code orders-prod} or {@code orders-prod-worker}
 * are split into service {@code orders} and environment {@code prod} when a known environment token appears.
 */
final class ServiceResolver {
    private final List<LogGroupRule> rules;
    private final Set<String> environments;
    private final String defaultService;
    private final String defaultEnvironment;

    ServiceResolver(PipelineConfig config) {
        this.rules = config.logGroupRules();
        this.environments = config.environmentNames();
        this.defaultService = config.defaultService();
        this.defaultEnvironment = config.defaultEnvironment();
    }

    void resolve(LogEvent e) {
        if (e.serviceName == null || e.environment == null) {
            fromContainer(e);
        }
        if (e.serviceName == null || e.environment == null) {
            fromLogGroup(e);
        }
        if (e.serviceName == null) {
            e.serviceName = defaultService;
        }
        if (e.environment == null) {
            e.environment = defaultEnvironment;
        }
        if (e.hostName == null) {
            e.hostName = host(e);
        }
    }

    private void fromContainer(LogEvent e) {
        String family = e.ecsTaskDefinition;
        if (family != null) {
            int colon = family.lastIndexOf(':');
            family = colon > 0 ? family.substring(0, colon) : family;
            if (family.startsWith("arn:")) {
                family = family.substring(family.lastIndexOf('/') + 1);
            }
        }
        String name = family != null ? family : e.containerName;
        if (name != null) {
            apply(e, name, null);
        }
    }

    private void fromLogGroup(LogEvent e) {
        String group = e.raw.source().logGroup();
        if (group == null || group.isEmpty()) {
            return;
        }
        for (LogGroupRule rule : rules) {
            String[] match = rule.match(group);
            if (match != null) {
                apply(e, match[0], match[1]);
                return;
            }
        }
    }

    /** Sets what is still missing from a name such as {@code orders-prod-worker}, honouring an explicit env. */
    private void apply(LogEvent e, String name, String explicitEnv) {
        String service = name;
        String env = explicitEnv;
        String[] parts = name.split("[-_.]");
        for (int i = 1; i < parts.length && env == null; i++) {
            if (environments.contains(parts[i])) {
                env = parts[i];
                service = String.join("-", java.util.Arrays.copyOfRange(parts, 0, i));
            }
        }
        if (e.serviceName == null) {
            e.serviceName = service;
        }
        if (e.environment == null && env != null) {
            e.environment = env;
        }
    }

    /** ECS task id, else an EC2 instance id at the start of the log stream. */
    private static String host(LogEvent e) {
        if (e.ecsTaskArn != null) {
            return e.ecsTaskArn.substring(e.ecsTaskArn.lastIndexOf('/') + 1);
        }
        String stream = e.raw.source().logStream();
        if (stream != null && stream.startsWith("i-")) {
            int end = 2;
            while (end < stream.length() && Character.isLetterOrDigit(stream.charAt(end))) {
                end++;
            }
            return end >= 10 ? stream.substring(0, end) : null;
        }
        return null;
    }
}
