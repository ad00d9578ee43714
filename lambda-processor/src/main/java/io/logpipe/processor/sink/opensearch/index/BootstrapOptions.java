package io.logpipe.processor.sink.opensearch.index;

import io.logpipe.processor.sink.opensearch.OpenSearchSinkConfig;

import java.util.regex.Pattern;

/**
 * What the bootstrap applies.
 *
 * @param dataStream      data stream name; also the index template's name and pattern prefix
 * @param retentionDays   ISM deletes a backing index this many days after it rolled over
 * @param replicas        {@code index.number_of_replicas} for new backing indices, or null to keep the cluster
 *                        default (use 0 on a single local node so indices turn green)
 * @param roleArn         the processor Lambda's IAM role, mapped to the {@code logpipe_writer} security role;
 *                        null to leave security alone
 * @param refreshInterval {@code index.refresh_interval}, e.g. {@code 1s}, {@code 30s} or {@code -1}
 */
public record BootstrapOptions(String dataStream, int retentionDays, Integer replicas, String roleArn,
                               String refreshInterval) {

    public static final int DEFAULT_RETENTION_DAYS = 30;
    public static final String DEFAULT_REFRESH_INTERVAL = "1s";

    // Lowercase and free of the characters OpenSearch forbids in index names; no leading '.', '_', '-' or '+'.
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,199}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern INTERVAL = Pattern.compile("-1|\\d{1,6}(ms|s|m|h)");

    public BootstrapOptions {
        if (dataStream == null || !NAME.matcher(dataStream).matches()) {
            throw new IllegalArgumentException("data stream name must be lowercase letters, digits, '_', '.' or '-': "
                    + dataStream);
        }
        if (retentionDays < 1 || retentionDays > 36_500) {
            throw new IllegalArgumentException("retention days must be between 1 and 36500: " + retentionDays);
        }
        if (replicas != null && (replicas < 0 || replicas > 10)) {
            throw new IllegalArgumentException("replicas must be between 0 and 10: " + replicas);
        }
        if (roleArn != null && !ROLE_ARN.matcher(roleArn).matches()) {
            throw new IllegalArgumentException("not an IAM role ARN (arn:aws:iam::<account>:role/<name>): " + roleArn);
        }
        if (refreshInterval == null || !INTERVAL.matcher(refreshInterval).matches()) {
            throw new IllegalArgumentException("refresh interval must look like 1s, 500ms, 1m or -1: " + refreshInterval);
        }
    }

    /** {@code app-logs}, 30 days, cluster-default replicas, no role mapping, 1 s refresh. */
    public static BootstrapOptions defaults() {
        return new BootstrapOptions(OpenSearchSinkConfig.DEFAULT_INDEX, DEFAULT_RETENTION_DAYS, null, null,
                DEFAULT_REFRESH_INTERVAL);
    }

    public BootstrapOptions withDataStream(String v) {
        return new BootstrapOptions(v, retentionDays, replicas, roleArn, refreshInterval);
    }

    public BootstrapOptions withRetentionDays(int v) {
        return new BootstrapOptions(dataStream, v, replicas, roleArn, refreshInterval);
    }

    public BootstrapOptions withReplicas(Integer v) {
        return new BootstrapOptions(dataStream, retentionDays, v, roleArn, refreshInterval);
    }

    public BootstrapOptions withRoleArn(String v) {
        return new BootstrapOptions(dataStream, retentionDays, replicas, v, refreshInterval);
    }

    public BootstrapOptions withRefreshInterval(String v) {
        return new BootstrapOptions(dataStream, retentionDays, replicas, roleArn, v);
    }
}
