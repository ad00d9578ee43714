package io.logpipe.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.decode.gzip.GzipDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;

/**
 * {@code ./logpipe bench-gunzip}: the processor's gunzip ({@link GzipDecoder}) against the JDK's zlib through
 * {@link GZIPInputStream} (what the processor used before), over the gzip payloads of a CloudWatch corpus held
 * in memory. Checks first that both inflate every payload to the same bytes, then reports inflated MB per
 * CPU-second of this thread for each, alternating passes so both see the same machine.
 */
@Command(name = "bench-gunzip", mixinStandardHelpOptions = true,
        description = "Measure the processor's gunzip against the JDK's over a corpus's payloads (events.ndjson).")
public final class GunzipBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CorpusPasses passes;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<byte[]> payloads = payloads(passes.input);
        GzipDecoder decoder = new GzipDecoder(PipelineConfig.defaults().limits().maxDecompressedBytes());
        long inflated = 0;
        for (byte[] gzip : payloads) {
            int expected = jdk(gzip);
            int n = decoder.gunzip(gzip);
            if (!Arrays.equals(jdkBuffer, 0, expected, decoder.buffer(), 0, n)) {
                out.printf("payload %d inflates differently%n", payloads.indexOf(gzip));
                return 1;
            }
            inflated += n;
        }
        out.printf("%,d payloads, %,d gzip bytes -> %,d bytes, identical with both%n", payloads.size(),
                payloads.stream().mapToLong(p -> p.length).sum(), inflated);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] ours = new double[passes.iterations];
        double[] theirs = new double[passes.iterations];
        for (int pass = -passes.warmup; pass < passes.iterations; pass++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (byte[] gzip : payloads) {
                decoder.gunzip(gzip);
            }
            long t1 = threads.getCurrentThreadCpuTime();
            for (byte[] gzip : payloads) {
                jdk(gzip);
            }
            long t2 = threads.getCurrentThreadCpuTime();
            if (pass >= 0) {
                ours[pass] = inflated / ((t1 - t0) / 1e3);
                theirs[pass] = inflated / ((t2 - t1) / 1e3);
                out.printf("pass %d: GzipDecoder %,.0f MB/CPU-s, GZIPInputStream %,.0f MB/CPU-s%n", pass + 1,
                        ours[pass], theirs[pass]);
                out.flush();
            }
        }
        Arrays.sort(ours);
        Arrays.sort(theirs);
        out.printf("median GzipDecoder %,.0f MB/CPU-s, GZIPInputStream %,.0f MB/CPU-s%n", ours[passes.iterations / 2],
                theirs[passes.iterations / 2]);
        return 0;
    }

    private byte[] jdkBuffer = new byte[256 * 1024];

    /** Inflates as the processor did before: into a reused buffer, with an input buffer sized to the payload. */
    private int jdk(byte[] gzip) throws IOException {
        int length = 0;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), Math.clamp(gzip.length, 512, 64 * 1024))) {
            for (int n; (n = in.read(jdkBuffer, length, jdkBuffer.length - length)) >= 0; ) {
                length += n;
                if (length == jdkBuffer.length) {
                    jdkBuffer = Arrays.copyOf(jdkBuffer, jdkBuffer.length * 2);
                }
            }
        }
        return length;
    }

    /** The gzip bytes of each event's {@code awslogs.data}. */
    private static List<byte[]> payloads(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<byte[]> payloads = new ArrayList<>();
        for (byte[] event : BenchCommand.load(file)) {
            JsonNode data = json.readTree(event).path("awslogs").path("data");
            if (data.isTextual()) {
                payloads.add(Base64.getDecoder().decode(data.asText()));
            }
        }
        return payloads;
    }
}
