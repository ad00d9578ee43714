package io.logpipe.processor.enrich;

import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.model.LogEvent;

/**
 * The enrich stage: who logged it (service, environment, host), where it runs (cloud account and region,
 * Lambda function) and the error fingerprint. Runs after redaction, so nothing it derives can leak a secret.
 */
public final class EventEnricher {
    private static final String LAMBDA_GROUP = "/aws/lambda/";

    private final ServiceResolver services;
    private final ErrorFingerprint fingerprints = new ErrorFingerprint();
    private final String region;
    private String lastGroup;                  // faas.name of the last Lambda log group, kept as one instance so
    private String lastFaasName;               // the writer can reuse its encoded bytes (see JsonOut)
    private String lastArn;
    private String[] lastArnParts;

    public EventEnricher(PipelineConfig config) {
        this.services = new ServiceResolver(config);
        this.region = config.region();
    }

    public void enrich(LogEvent e) {
        String group = e.raw.source().logGroup();
        if (group != null && group.startsWith(LAMBDA_GROUP)) {
            if (!group.equals(lastGroup)) {
                lastFaasName = group.substring(LAMBDA_GROUP.length());
                lastGroup = group;
            }
            e.faasName = lastFaasName;
        }
        services.resolve(e);
        cloud(e);
        fingerprints.apply(e);
    }

    /**
     * {@code arn.split(":", 6)}, kept for the last ARN: the events of a batch mostly come from the same task,
     * and splitting the same ARN for each was ~1 % of the job. The array is only read.
     */
    private String[] arnParts(String arn) {
        if (!arn.equals(lastArn)) {
            lastArnParts = arn.split(":", 6);
            lastArn = arn;
        }
        return lastArnParts;
    }

    /** Account from the CloudWatch owner or the task ARN; region from the task ARN or configuration. */
    private void cloud(LogEvent e) {
        e.cloudAccountId = e.raw.source().owner();
        e.cloudRegion = region;
        String arn = e.ecsTaskArn;
        if (arn != null && arn.startsWith("arn:")) {
            String[] parts = arnParts(arn);
            if (parts.length == 6) {
                e.cloudRegion = parts[3].isEmpty() ? region : parts[3];
                if (e.cloudAccountId == null && !parts[4].isEmpty()) {
                    e.cloudAccountId = parts[4];
                }
            }
        }
    }
}
