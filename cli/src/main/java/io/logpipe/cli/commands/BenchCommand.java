package io.logpipe.cli.commands;

import io.logpipe.cli.io.EventFormat;
import io.logpipe.cli.io.LambdaEventReader;
import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.dlq.DeadLetterSink;
import io.logpipe.processor.pipeline.InvocationReport;
import io.logpipe.processor.pipeline.LogProcessor;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.NdjsonSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./logpipe bench}: the full job on one thread (decode, parse, clean, redact, enrich, serialise the bulk
 * NDJSON) over a corpus held in memory, so disk speed does not count. Reports events per CPU-second of the
 * processing thread and of the whole process (GC and JIT included), and peak RSS.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure single-thread throughput of the whole processor over a corpus (events.ndjson).")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CorpusPasses passes;

    @Option(names = "--digest", description = "First run one unmeasured pass into a SHA-256 and print the digest and "
            + "byte count of the bulk NDJSON, so an optimisation can be checked for byte-identical output.")
    boolean digest;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<byte[]> events = load(passes.input);
        out.printf("corpus: %s, %,d lambda events, %,d bytes%n", passes.input, events.size(), events.stream().mapToLong(b -> b.length).sum());
        CountingOutputStream bulkBody = new CountingOutputStream();
        DeadLetterSink deadLetters = letters -> { };
        LogProcessor processor = new LogProcessor(PipelineConfig.fromEnv(System.getenv()), new NdjsonSink(bulkBody, "app-logs"),
                deadLetters);
        if (digest) {
            printDigest(out, events);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] rates = new double[passes.iterations];
        for (int pass = -passes.warmup; pass < passes.iterations; pass++) {
            bulkBody.count = 0;
            long cpu0 = threads.getCurrentThreadCpuTime(), proc0 = os.getProcessCpuTime(), wall0 = System.nanoTime();
            long eventsIn = 0, docs = 0, dead = 0;
            for (byte[] event : events) {
                InvocationReport r = processor.process(event, EventFormat.AUTO.kindOf(event), Deadline.none());
                eventsIn += r.eventsIn();
                docs += r.documents();
                dead += r.eventsDeadLettered() + r.payloadsDeadLettered();
            }
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double proc = (os.getProcessCpuTime() - proc0) / 1e9;
            double wall = (System.nanoTime() - wall0) / 1e9;
            out.printf("%s %d: %,d events -> %,d docs (%,d dead letters), %,d bulk bytes | thread CPU %.3f s = %,.0f ev/CPU-s"
                            + " | process CPU %.3f s = %,.0f ev/CPU-s | wall %.3f s%n",
                    pass < 0 ? "warmup" : "pass  ", pass < 0 ? pass + passes.warmup + 1 : pass + 1, eventsIn, docs, dead,
                    bulkBody.count, cpu, eventsIn / cpu, proc, eventsIn / proc, wall);
            out.flush();
            if (pass >= 0) {
                rates[pass] = eventsIn / cpu;
            }
        }
        Arrays.sort(rates);
        out.printf("median %,.0f events/CPU-s (thread), best %,.0f; peak RSS %s%n", rates[rates.length / 2],
                rates[rates.length - 1], peakRss());
        return 0;
    }

    /** One pass through a fresh processor, hashing what the bulk body would receive. */
    private static void printDigest(PrintWriter out, List<byte[]> events) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        CountingOutputStream counted = new CountingOutputStream();
        OutputStream body = new DigestOutputStream(counted, sha256);
        LogProcessor processor = new LogProcessor(PipelineConfig.fromEnv(System.getenv()), new NdjsonSink(body, "app-logs"),
                letters -> { });
        for (byte[] event : events) {
            processor.process(event, EventFormat.AUTO.kindOf(event), Deadline.none());
        }
        out.printf("output sha256 %s, %,d bytes%n", HexFormat.of().formatHex(sha256.digest()), counted.count);
        out.flush();
    }

    static List<byte[]> load(Path file) throws IOException {
        List<byte[]> events = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            LambdaEventReader reader = new LambdaEventReader(in, PipelineConfig.defaults().limits().maxEventBytes());
            for (LambdaEventReader.Item item = reader.next(); item != null; item = reader.next()) {
                events.add(item.bytes());
            }
        }
        return events;
    }

    /** VmHWM from /proc: the resident set's high-water mark of this process. */
    static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format("%,d MB", kb / 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }

    /** Discards the bulk body but counts its bytes, so serialisation cannot be optimised away. */
    private static final class CountingOutputStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
