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
    /** Splits of the latest task ARNs, replaced round-robin: see {@link #arnParts}. */
    private static final int ARN_ENTRIES = 8;
    private final String[] arns = new String[ARN_ENTRIES];
    private final String[][] arnSplits = new String[ARN_ENTRIES][];
    private int nextArnSlot;

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
     * {@code arn.split(":", 6)}, kept for the last {@value #ARN_ENTRIES} ARNs: a payload's events come from a few
     * tasks that alternate (one per region), so a single "last ARN" missed and split again (~3 % of FireLens
     * time). Looked up by identity first (events of one record share the instance), then by content. The
     * arrays are only read.
     */
    private String[] arnParts(String arn) {
        for (int i = 0; i < ARN_ENTRIES; i++) {
            if (arns[i] == arn) {
                return arnSplits[i];
            }
        }
        for (int i = 0; i < ARN_ENTRIES; i++) {
            if (arn.equals(arns[i])) {
                return arnSplits[i];
            }
        }
        int slot = nextArnSlot;
        nextArnSlot = (slot + 1) % ARN_ENTRIES;
        arns[slot] = arn;
        arnSplits[slot] = arn.split(":", 6);
        return arnSplits[slot];
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
