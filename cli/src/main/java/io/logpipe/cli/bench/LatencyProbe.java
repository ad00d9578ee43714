package io.logpipe.cli.bench;

import io.logpipe.processor.model.SourceKind;
import io.logpipe.processor.pipeline.InvocationReport;
import io.logpipe.processor.pipeline.LogProcessor;
import io.logpipe.processor.sink.Deadline;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * End-to-end latency of single invocations, one at a time as on one Lambda instance: from the start of
 * {@link LogProcessor#process} until every document of the payload is visible to search, found by polling
 * {@code _count} with an ids query (never forcing a refresh). Before each invocation it pauses for a random
 * time within {@code maxGapMillis} (use the refresh interval), so invocations start at random points of the
 * refresh cycle instead of right after the refresh that made the previous payload visible.
 */
public final class LatencyProbe {
    /**
     * Milliseconds per measured invocation, documents stored; invocations that stored no documents are only
     * counted, and so are documents the node rejected (dead letters).
     */
    public record Result(double[] ackMillis, double[] visibleMillis, long documents, int withoutDocuments, int rejected) {
    }

    private final ClusterOps cluster;
    private final String stream;
    private final long pollMillis;
    private final long maxGapMillis;
    private final long timeoutMillis;

    public LatencyProbe(ClusterOps cluster, String stream, long pollMillis, long maxGapMillis, long timeoutMillis) {
        this.cluster = cluster;
        this.stream = stream;
        this.pollMillis = pollMillis;
        this.maxGapMillis = maxGapMillis;
        this.timeoutMillis = timeoutMillis;
    }

    /** {@code processor} must write through {@code capture} into this probe's data stream. */
    public Result run(LogProcessor processor, CapturingSink capture, List<byte[]> payloads, long seed,
                      PrintWriter progress) throws Exception {
        Random gaps = new Random(seed);
        double[] ack = new double[payloads.size()];
        double[] visible = new double[payloads.size()];
        int measured = 0;
        int empty = 0;
        long documents = 0;
        for (int i = 0; i < payloads.size(); i++) {
            Thread.sleep(gaps.nextLong(maxGapMillis));
            long t0 = System.nanoTime();
            InvocationReport report = processor.process(payloads.get(i), SourceKind.CLOUDWATCH, Deadline.none());
            long acked = System.nanoTime();
            List<String> ids = capture.takeStoredIds();
            if (ids.isEmpty()) {
                empty++;
                continue;
            }
            if (report.documents() != ids.size()) {
                throw new IllegalStateException("invocation " + (i + 1) + ": the sink reports " + report.documents()
                        + " documents written, but stored " + ids.size());
            }
            long seen = awaitVisible(ids, t0, i + 1);
            ack[measured] = (acked - t0) / 1e6;
            visible[measured] = (seen - t0) / 1e6;
            measured++;
            documents += ids.size();
            if ((i + 1) % 50 == 0) {
                progress.printf("  latency: %d/%d invocations%n", i + 1, payloads.size());
                progress.flush();
            }
        }
        return new Result(Arrays.copyOf(ack, measured), Arrays.copyOf(visible, measured), documents, empty,
                capture.rejected());
    }

    private long awaitVisible(List<String> ids, long t0, int invocation) throws Exception {
        while (true) {
            long count = cluster.countIds(stream, ids);
            long now = System.nanoTime();
            if (count == ids.size()) {
                return now;
            }
            if (count > ids.size() || (now - t0) / 1_000_000 > timeoutMillis) {
                throw new IllegalStateException("invocation " + invocation + ": " + count + " of " + ids.size()
                        + " documents visible after " + (now - t0) / 1_000_000 + " ms");
            }
            Thread.sleep(pollMillis);
        }
    }
}
