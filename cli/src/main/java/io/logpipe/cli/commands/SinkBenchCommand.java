package io.logpipe.cli.commands;

import io.logpipe.cli.LogpipeCli;
import io.logpipe.cli.bench.CapturingSink;
import io.logpipe.cli.bench.ClusterOps;
import io.logpipe.cli.bench.LatencyProbe;
import io.logpipe.cli.bench.RawBulkClient;
import io.logpipe.cli.bench.Stats;
import io.logpipe.cli.io.EventFormat;
import io.logpipe.cli.io.LambdaEventReader;
import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.pipeline.InvocationReport;
import io.logpipe.processor.pipeline.LogProcessor;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.SinkResult;
import io.logpipe.processor.sink.opensearch.OpenSearchClients;
import io.logpipe.processor.sink.opensearch.OpenSearchSink;
import io.logpipe.processor.sink.opensearch.OpenSearchSinkConfig;
import io.logpipe.processor.sink.opensearch.index.BootstrapOptions;
import io.logpipe.processor.sink.opensearch.index.BootstrapReport;
import io.logpipe.processor.sink.opensearch.index.IndexBootstrapper;
import io.logpipe.testkit.fixtures.CorpusGenerator;
import io.logpipe.testkit.servers.OpenSearchServer;
import org.opensearch.client.opensearch.OpenSearchClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;

/**
 * {@code ./logpipe bench-sink}: the OpenSearch sink against a real node. Per round, the same documents go
 * once as pre-built {@code _bulk} bodies over plain {@code java.net.http} (the baseline) and once through
 * {@code OpenSearchSink.write}, each into a fresh data stream; then K single-payload invocations measure
 * how long until a payload is searchable. Prints Markdown for docs/BENCHMARKS.md.
 */
@Command(name = "bench-sink", mixinStandardHelpOptions = true,
        description = "Measure the OpenSearch sink against raw _bulk requests, and end-to-end search latency, "
                + "on a real local node.")
public final class SinkBenchCommand implements Callable<Integer> {
    private static final long SEED = 42;
    private static final String REFRESH_INTERVAL = BootstrapOptions.DEFAULT_REFRESH_INTERVAL;   // 1s
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Spec
    CommandSpec spec;

    @Option(names = "--opensearch", paramLabel = "URL",
            description = "An existing node without security, e.g. http://127.0.0.1:9200 (default: start a "
                    + "dedicated node and stop it at the end). Only data streams named logpipe-bench-* are touched.")
    URI opensearch;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE",
            description = "Lambda events, one per line (default: generated, seed 42, --payloads payloads of 20-200 events).")
    Path input;

    @Option(names = "--payloads", defaultValue = "100", description = "Payloads to generate without --input (default: ${DEFAULT-VALUE}).")
    int payloads;

    @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", defaultValue = "1", description = "Unreported rounds first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--latency-invocations", defaultValue = "200", paramLabel = "K",
            description = "Single-payload invocations (15-25 events each) for the latency test; 0 skips it (default: ${DEFAULT-VALUE}).")
    int latencyInvocations;

    /** One timed write: wall and CPU time, and the documents it stored. */
    record Phase(long wallNanos, long threadCpuNanos, long processCpuNanos, int docs) {
        double wallMillis() {
            return wallNanos / 1e6;
        }

        double docsPerSecond() {
            return docs / (wallNanos / 1e9);
        }

        double threadCpuMicrosPerDoc() {
            return threadCpuNanos / 1e3 / docs;
        }

        double processCpuMicrosPerDoc() {
            return processCpuNanos / 1e3 / docs;
        }
    }

    record Round(String label, boolean rawFirst, Phase raw, Phase sink, long rawGzipCpuNanos) {
        double overhead() {
            return (double) (sink.wallNanos() - raw.wallNanos()) / raw.wallNanos();
        }
    }

    record Corpus(int lambdaEvents, long eventsIn, long deadLettered, List<LogEvent> documents) {
    }

    @FunctionalInterface
    interface Write {
        int run() throws Exception;   // documents stored
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (rounds < 1 || warmup < 0 || latencyInvocations < 0 || payloads < 1) {
            err.println("logpipe bench-sink: --rounds and --payloads must be at least 1, --warmup and "
                    + "--latency-invocations at least 0");
            return LogpipeCli.EXIT_USAGE;
        }
        String loadBefore = loadAverage();
        Corpus corpus = corpus();
        if (corpus.documents().isEmpty()) {
            throw new IllegalStateException("the corpus produced no documents");
        }
        OpenSearchServer server = null;
        try {
            URI uri = opensearch;
            String node;
            if (uri == null) {
                err.println("starting a dedicated OpenSearch node...");
                err.flush();
                server = OpenSearchServer.start(OpenSearchServer.Options.defaults());
                uri = server.httpUri();
                node = String.format("dedicated single node (512m heap), started in %.1f s",
                        server.lastStartDuration().toMillis() / 1e3);
            } else {
                node = "existing node";
            }
            return run(out, err, uri, node, corpus, loadBefore);
        } finally {
            if (server != null) {
                err.println("stopping the OpenSearch node...");
                err.flush();
                server.close();
            }
        }
    }

    private int run(PrintWriter out, PrintWriter err, URI uri, String node, Corpus corpus, String loadBefore)
            throws Exception {
        String prefix = "logpipe-bench-" + Long.toString(System.currentTimeMillis(), 36);
        OpenSearchSinkConfig defaults = OpenSearchSinkConfig.local(uri);
        OpenSearchClient admin = OpenSearchClients.create(defaults);   // for the bootstraps
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            ClusterOps cluster = new ClusterOps(http, uri);
            RawBulkClient raw = new RawBulkClient(http, uri);
            out.printf("## logpipe bench-sink, %s%n%n", Instant.now().truncatedTo(ChronoUnit.SECONDS));
            out.printf("- command: `%s`%n", commandLine());
            out.printf("- machine: %s; %s; load average before: %s%n", machine(), javaVersion(), loadBefore);
            out.printf("- OpenSearch %s at %s, %s; index template from IndexBootstrapper (1 shard, 0 replicas, "
                    + "refresh_interval %s, best_compression)%n", cluster.version(), uri, node, REFRESH_INTERVAL);
            out.printf("- corpus: %s: %,d Lambda events, %,d log events -> %,d documents (%,d events dead-lettered)%n",
                    input == null ? "generated (seed " + SEED + ", " + payloads + " payloads of 20-200 events)" : input,
                    corpus.lambdaEvents(), corpus.eventsIn(), corpus.documents().size(), corpus.deadLettered());
            List<LogEvent> docs = storable(out, corpus.documents(), prefix + "-pre", defaults, admin, cluster, raw);
            List<RawBulkClient.Body> sample = RawBulkClient.bodies(docs, prefix + "-raw-r01", defaults.maxBulkBytes(),
                    defaults.maxBulkDocs());
            out.printf("- per run: %,d documents in %d `_bulk` requests (split at %d MiB / %,d documents), %,d bytes "
                            + "of NDJSON, %,d gzipped%n%n", docs.size(), sample.size(), defaults.maxBulkBytes() >> 20,
                    defaults.maxBulkDocs(), sample.stream().mapToLong(b -> b.ndjson().length).sum(),
                    sample.stream().mapToLong(b -> RawBulkClient.gzip(b.ndjson()).length).sum());
            out.flush();

            List<Round> measured = new ArrayList<>();
            for (int r = -warmup; r < rounds; r++) {
                String label = r < 0 ? String.format("w%02d", r + warmup + 1) : String.format("r%02d", r + 1);
                Round round = round(label, Math.floorMod(r, 2) == 0, prefix, docs, defaults, admin, cluster, raw);
                err.printf("  round %s: raw %.0f ms, sink %.0f ms%n", label, round.raw().wallMillis(),
                        round.sink().wallMillis());
                err.flush();
                if (r >= 0) {
                    measured.add(round);
                }
            }
            printThroughput(out, measured);
            if (latencyInvocations > 0) {
                latency(out, err, uri, prefix + "-lat", admin, cluster);
            }
            out.printf("%n- load average after: %s%n", loadAverage());
            out.flush();
            return 0;
        } finally {
            admin._transport().close();
        }
    }

    /**
     * Untimed pre-flight into a scratch data stream: documents the node refuses (the sink would dead-letter
     * them) are left out of the timed runs, and said so loudly, so both paths do the same all-created work
     * and the stored counts can be checked exactly.
     */
    private static List<LogEvent> storable(PrintWriter out, List<LogEvent> docs, String stream,
                                           OpenSearchSinkConfig defaults, OpenSearchClient admin, ClusterOps cluster,
                                           RawBulkClient raw) throws Exception {
        Map<String, String> refused;
        try {
            bootstrap(admin, stream);
            refused = raw.refused(stream, RawBulkClient.bodies(docs, stream, defaults.maxBulkBytes(), defaults.maxBulkDocs()));
        } finally {
            cluster.drop(stream);
        }
        if (refused.isEmpty()) {
            return docs;
        }
        Map.Entry<String, String> first = refused.entrySet().iterator().next();
        String reason = first.getValue().length() > 240 ? first.getValue().substring(0, 240) + "..." : first.getValue();
        out.printf("- **WARNING: the node refused %,d of these documents** (the sink would dead-letter them); they are "
                + "left out of the runs below. First: `%s`: %s%n", refused.size(), first.getKey(), reason);
        return docs.stream().filter(e -> !refused.containsKey(e.raw.id())).toList();
    }

    /** One round: fresh data streams, raw and sink in the given order, counts checked, streams removed. */
    private Round round(String label, boolean rawFirst, String prefix, List<LogEvent> docs,
                        OpenSearchSinkConfig defaults, OpenSearchClient admin, ClusterOps cluster, RawBulkClient raw)
            throws Exception {
        // Same-length names: the raw and sink bodies have the same bytes and split at the same documents.
        String rawStream = prefix + "-raw-" + label;
        String sinkStream = prefix + "-snk-" + label;
        try {
            bootstrap(admin, rawStream);
            bootstrap(admin, sinkStream);
            List<RawBulkClient.Body> bodies = RawBulkClient.bodies(docs, rawStream, defaults.maxBulkBytes(),
                    defaults.maxBulkDocs());
            long[] gzipNanos = new long[1];   // CPU time
            Write viaRaw = () -> {
                RawBulkClient.Sent sent = raw.send(rawStream, bodies);
                gzipNanos[0] = sent.gzipCpuNanos();
                return sent.docs();
            };
            try (OpenSearchSink sink = new OpenSearchSink(sinkConfig(defaults, sinkStream))) {
                Write viaSink = () -> {
                    SinkResult result = sink.write(docs, Deadline.none());
                    if (!result.rejected().isEmpty() || result.duplicates() != 0) {
                        throw new IllegalStateException("the sink rejected " + result.rejected().size() + " and found "
                                + result.duplicates() + " duplicates in a fresh data stream: "
                                + (result.rejected().isEmpty() ? "" : result.rejected().getFirst().reason()));
                    }
                    return result.written();
                };
                Phase first = measure(rawFirst ? viaRaw : viaSink);
                Phase second = measure(rawFirst ? viaSink : viaRaw);
                Phase rawPhase = rawFirst ? first : second;
                Phase sinkPhase = rawFirst ? second : first;
                checkCount(cluster, rawStream, docs.size());
                checkCount(cluster, sinkStream, docs.size());
                return new Round(label, rawFirst, rawPhase, sinkPhase, gzipNanos[0]);
            }
        } finally {
            cluster.drop(rawStream);
            cluster.drop(sinkStream);
        }
    }

    private static Phase measure(Write write) throws Exception {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long proc0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        int docs = write.run();
        long wall = System.nanoTime() - t0;
        return new Phase(wall, THREADS.getCurrentThreadCpuTime() - cpu0, OS.getProcessCpuTime() - proc0, docs);
    }

    private static void checkCount(ClusterOps cluster, String stream, int expected) throws Exception {
        cluster.refresh(stream);
        long count = cluster.count(stream);
        if (count != expected) {
            throw new IllegalStateException("data stream " + stream + " holds " + count + " documents after refresh, "
                    + "but " + expected + " were produced");
        }
    }

    private void printThroughput(PrintWriter out, List<Round> rounds) {
        out.printf("### Bulk throughput: raw `_bulk` vs `OpenSearchSink.write` (%d rounds after %d warm-up)%n%n",
                rounds.size(), warmup);
        out.println("| round | order | raw ms | raw docs/s | raw thread µs/doc | raw JVM µs/doc "
                + "| sink ms | sink docs/s | sink thread µs/doc | sink JVM µs/doc | sink overhead |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Round r : rounds) {
            out.printf("| %s | %s | %.0f | %,.0f | %.1f | %.1f | %.0f | %,.0f | %.1f | %.1f | %+.1f %% |%n", r.label(),
                    r.rawFirst() ? "raw, sink" : "sink, raw",
                    r.raw().wallMillis(), r.raw().docsPerSecond(), r.raw().threadCpuMicrosPerDoc(), r.raw().processCpuMicrosPerDoc(),
                    r.sink().wallMillis(), r.sink().docsPerSecond(), r.sink().threadCpuMicrosPerDoc(),
                    r.sink().processCpuMicrosPerDoc(), r.overhead() * 100);
        }
        out.printf("%n**Medians**%n%n");
        out.println("| path | wall ms | docs/s | calling-thread CPU µs/doc | JVM CPU µs/doc |");
        out.println("|---|---:|---:|---:|---:|");
        row(out, "raw `_bulk` (java.net.http, gzip)", rounds, Round::raw);
        row(out, "`OpenSearchSink.write`", rounds, Round::sink);
        out.printf("%n- sink overhead, wall: **%+.1f %%** (median of the per-round ratios)%n",
                median(rounds, r -> r.overhead() * 100));
        out.printf("- CPU per document, whole JVM (all threads, GC and JIT; the node is another process): "
                        + "sink **%.1f µs**, raw %.1f µs%n",
                median(rounds, r -> r.sink().processCpuMicrosPerDoc()), median(rounds, r -> r.raw().processCpuMicrosPerDoc()));
        out.printf("- CPU per document, calling thread (ThreadMXBean): sink **%.1f µs** (encoding, batching, response "
                        + "parsing; its gzip runs on the HttpClient 5 I/O thread, so it counts only in the JVM figure), "
                        + "raw %.1f µs (of which gzip %.1f µs)%n",
                median(rounds, r -> r.sink().threadCpuMicrosPerDoc()), median(rounds, r -> r.raw().threadCpuMicrosPerDoc()),
                median(rounds, r -> r.rawGzipCpuNanos() / 1e3 / r.raw().docs()));
        out.flush();
    }

    private static void row(PrintWriter out, String name, List<Round> rounds, java.util.function.Function<Round, Phase> phase) {
        out.printf("| %s | %.0f | %,.0f | %.1f | %.1f |%n", name,
                median(rounds, r -> phase.apply(r).wallMillis()), median(rounds, r -> phase.apply(r).docsPerSecond()),
                median(rounds, r -> phase.apply(r).threadCpuMicrosPerDoc()),
                median(rounds, r -> phase.apply(r).processCpuMicrosPerDoc()));
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> metric) {
        return Stats.median(rounds.stream().mapToDouble(metric).toArray());
    }

    private void latency(PrintWriter out, PrintWriter err, URI uri, String stream, OpenSearchClient admin,
                         ClusterOps cluster) throws Exception {
        List<byte[]> small = generate(latencyInvocations, 15, 25);
        long gapMillis = Duration.ofSeconds(1).toMillis();   // the refresh interval
        long pollMillis = 20;
        LatencyProbe.Result result;
        try {
            bootstrap(admin, stream);
            try (CapturingSink capture = new CapturingSink(new OpenSearchSink(sinkConfig(OpenSearchSinkConfig.local(uri), stream)))) {
                LogProcessor processor = new LogProcessor(PipelineConfig.fromEnv(System.getenv()), capture, letters -> { });
                result = new LatencyProbe(cluster, stream, pollMillis, gapMillis, 30_000)
                        .run(processor, capture, small, SEED, err);
            }
            checkCount(cluster, stream, (int) result.documents());
        } finally {
            cluster.drop(stream);
        }
        int n = result.visibleMillis().length;
        out.printf("%n### End-to-end latency: %d single-payload invocations, refresh_interval %s%n%n", n, REFRESH_INTERVAL);
        out.println("| ms | p50 | p95 | p99 | max |");
        out.println("|---|---:|---:|---:|---:|");
        latencyRow(out, "`process()` returned (bulk acknowledged)", result.ackMillis());
        latencyRow(out, "all documents of the payload visible to search", result.visibleMillis());
        out.printf("%n- payloads of 15-25 log events (seed %d), %.1f documents stored on average%s%s; one invocation "
                        + "at a time%n", SEED, (double) result.documents() / n,
                result.withoutDocuments() == 0 ? "" : ", " + result.withoutDocuments() + " invocations without documents skipped",
                result.rejected() == 0 ? "" : ", **" + result.rejected() + " documents rejected by the node** (dead letters; "
                        + "not waited for)");
        out.printf("- visibility: `_count` with an `ids` query every %d ms, never forcing a refresh; before each "
                + "invocation a random pause of 0-%d ms, so starts fall at random points of the refresh cycle%n",
                pollMillis, gapMillis);
        out.flush();
    }

    private static void latencyRow(PrintWriter out, String name, double[] millis) {
        out.printf("| %s | %.0f | %.0f | %.0f | %.0f |%n", name, Stats.percentile(millis, 50),
                Stats.percentile(millis, 95), Stats.percentile(millis, 99), Stats.percentile(millis, 100));
    }

    private static void bootstrap(OpenSearchClient admin, String stream) {
        BootstrapReport report = new IndexBootstrapper(admin).bootstrap(BootstrapOptions.defaults()
                .withDataStream(stream).withReplicas(0).withRefreshInterval(REFRESH_INTERVAL));
        if (!report.ok()) {
            throw new IllegalStateException("bootstrap of " + stream + " failed:\n" + report);
        }
    }

    /** The production sink settings (5 MiB / 5,000 documents, gzip, retries), writing into {@code stream}. */
    private static OpenSearchSinkConfig sinkConfig(OpenSearchSinkConfig defaults, String stream) {
        return OpenSearchSinkConfig.fromEnv(Map.of("LOGPIPE_OPENSEARCH_ENDPOINT", defaults.endpoint().toString(),
                "LOGPIPE_OPENSEARCH_AUTH", "none", "LOGPIPE_OPENSEARCH_INDEX", stream));
    }

    /** Processes the input once, keeping every document; dead letters are only counted. */
    private Corpus corpus() throws Exception {
        List<byte[]> events;
        if (input == null) {
            events = generate(payloads, 20, 200);
        } else {
            try (InputStream in = Files.newInputStream(input)) {
                events = read(in);
            }
        }
        CapturingSink capture = new CapturingSink(null);
        LogProcessor processor = new LogProcessor(PipelineConfig.fromEnv(System.getenv()), capture, letters -> { });
        long eventsIn = 0;
        long dead = 0;
        for (byte[] event : events) {
            InvocationReport r = processor.process(event, EventFormat.AUTO.kindOf(event), Deadline.none());
            eventsIn += r.eventsIn();
            dead += r.eventsDeadLettered();
        }
        return new Corpus(events.size(), eventsIn, dead, capture.documents());
    }

    private static List<byte[]> generate(int count, int minEvents, int maxEvents) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        new CorpusGenerator(SEED).writeCloudWatch(buffer, count, minEvents, maxEvents);
        return read(new ByteArrayInputStream(buffer.toByteArray()));
    }

    private static List<byte[]> read(InputStream in) throws IOException {
        List<byte[]> events = new ArrayList<>();
        LambdaEventReader reader = new LambdaEventReader(in, PipelineConfig.defaults().limits().maxEventBytes());
        for (LambdaEventReader.Item item = reader.next(); item != null; item = reader.next()) {
            if (item.tooLong()) {
                throw new IOException("line " + item.lineNumber() + " is longer than the Lambda event limit");
            }
            events.add(item.bytes());
        }
        return events;
    }

    private String commandLine() {
        return "./logpipe" + spec.commandLine().getParseResult().originalArgs().stream()
                .map(a -> " " + a).reduce("", String::concat);
    }

    private static String machine() {
        String cpu = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip() + ", ").findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            // not Linux: the CPU model is a nicety
        }
        return String.format("%s%d CPUs, %s %s %s", cpu, Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"));
    }

    private static String javaVersion() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} prints them. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            double one = OS.getSystemLoadAverage();
            return one < 0 ? "unknown" : String.format("%.2f (1 min)", one);
        }
    }
}
