package io.logpipe.processor.enrich;

/**
 * ECS task ARNs taken apart once: {@code arn.split(":", 6)} (account, region) and the task id after the last
 * '/' (host.name), kept for the last {@value #ENTRIES} ARNs. A payload's events come from a few tasks that
 * alternate (one per region in FireLens streams), so keeping only the last ARN missed and split again (~3 % of
 * FireLens time). Looked up by identity first (events of one record share the instance), then by content.
 * One instance belongs to one enricher (not thread-safe); the arrays handed out are only read.
 */
final class TaskArns {
    private static final int ENTRIES = 8;

    /** The parts of {@code arn.split(":", 6)} and the text after the ARN's last '/'. */
    record Split(String[] parts, String taskId) {
    }

    private final String[] arns = new String[ENTRIES];
    private final Split[] splits = new Split[ENTRIES];
    private int next;

    Split of(String arn) {
        for (int i = 0; i < ENTRIES; i++) {
            if (arns[i] == arn) {
                return splits[i];
            }
        }
        for (int i = 0; i < ENTRIES; i++) {
            if (arn.equals(arns[i])) {
                return splits[i];
            }
        }
        int slot = next;
        next = (slot + 1) % ENTRIES;
        arns[slot] = arn;
        splits[slot] = new Split(arn.split(":", 6), arn.substring(arn.lastIndexOf('/') + 1));
        return splits[slot];
    }
}
