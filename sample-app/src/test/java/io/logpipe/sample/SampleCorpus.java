package io.logpipe.sample;

import io.logpipe.testkit.fixtures.CloudWatchEvents;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the sample service's output as CloudWatch Lambda events, one per line, for {@code ./logpipe bench} and
 * {@code ./logpipe process} (docs/BENCHMARKS.md): {@code SampleCorpus OUT_DIR [EVENTS]} writes
 * {@code sample-json.ndjson}, {@code sample-csv.ndjson} and {@code sample-text.ndjson} from the same events.
 */
public final class SampleCorpus {
    private static final int LINES_PER_PAYLOAD = 100;

    private SampleCorpus() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Files.createDirectories(dir);
        for (OutputFormat format : OutputFormat.values()) {
            SampleRun run = SampleRun.generate(format, LogLevel.DEBUG, 42, events);
            Path out = dir.resolve("sample-" + format.label() + ".ndjson");
            int lines = write(run, out);
            System.out.println(out + ": " + run.written().size() + " events, " + lines + " lines");
        }
    }

    private static int write(SampleRun run, Path out) throws IOException {
        List<List<String>> groups = run.linesPerEvent();
        int headerGroups = run.header() == null ? 0 : 1;
        int lines = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            CloudWatchEvents payload = null;
            for (int g = 0; g < groups.size(); g++) {
                if (payload == null || payload.eventCount() + groups.get(g).size() > LINES_PER_PAYLOAD) {
                    if (payload != null) {
                        w.write(payload.toLambdaEvent());
                        w.newLine();
                    }
                    payload = CloudWatchEvents.payload("/ecs/checkout-api", "ecs/checkout-api/5f0c8a1e9b2d4c3f");
                }
                long millis = (g < headerGroups ? SampleRun.START : run.written().get(g - headerGroups).time()).toEpochMilli();
                for (String line : groups.get(g)) {
                    payload.event(millis, line);
                    lines++;
                }
            }
            w.write(payload.toLambdaEvent());
            w.newLine();
        }
        return lines;
    }
}
