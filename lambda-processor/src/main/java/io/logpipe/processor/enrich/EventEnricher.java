package io.logpipe.processor.enrich;

import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.model.LogEvent;

/**
 * The enrich stage: who logged it (service, environment, host), where it runs (cloud account and region,
 * Lambda function) and the error fingerprint. Runs after redaction, so nothing it derives can leak a secret.
 */
public final class EventEnricher {
    private static final String LAMBDA_GROUP = "/aws/lambda/";

    private final TaskArns taskArns = new TaskArns();    // shared with the resolver (host.name is the task id)
    private final ServiceResolver services;
    private final ErrorFingerprint fingerprints = new ErrorFingerprint();
    private final String region;
    private String lastGroup;                  // faas.name of the last Lambda log group, kept as one instance so
    private String lastFaasName;               // the writer can reuse its encoded bytes (see JsonOut)

    public EventEnricher(PipelineConfig config) {
        this.services = new ServiceResolver(config, taskArns);
        this.region = config.region();
    }

    public void enrich(LogEvent e) {
        String group = e.raw.source().logGroup();
        // A payload's events share its log group instance: by identity, nothing is compared per event (the
        // startsWith alone was ~0.4 % of the job).
        if (group != lastGroup) {
            if (group == null || !group.equals(lastGroup)) {
                lastFaasName = group != null && group.startsWith(LAMBDA_GROUP) ? group.substring(LAMBDA_GROUP.length()) : null;
            }
            lastGroup = group;
        }
        if (lastFaasName != null) {
            e.faasName = lastFaasName;
        }
        services.resolve(e);
        cloud(e);
        fingerprints.apply(e);
    }

    /** Account from the CloudWatch owner or the task ARN; region from the task ARN or configuration. */
    private void cloud(LogEvent e) {
        e.cloudAccountId = e.raw.source().owner();
        e.cloudRegion = region;
        String arn = e.ecsTaskArn;
        if (arn != null && arn.startsWith("arn:")) {
            String[] parts = taskArns.of(arn).parts();
            if (parts.length == 6) {
                e.cloudRegion = parts[3].isEmpty() ? region : parts[3];
                if (e.cloudAccountId == null && !parts[4].isEmpty()) {
                    e.cloudAccountId = parts[4];
                }
            }
        }
    }
}
