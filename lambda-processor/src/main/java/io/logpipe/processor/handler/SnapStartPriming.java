package io.logpipe.processor.handler;

import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.dlq.DeadLetterSink;
import io.logpipe.processor.model.SourceKind;
import io.logpipe.processor.pipeline.LogProcessor;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.DryRunSink;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * SnapStart priming: before the snapshot, push synthetic CloudWatch and MSK events through a separate
 * processor whose sinks store nothing, so classes are loaded and hot paths compiled without any network
 * call, and nothing time- or credential-dependent is captured in the snapshot.
 */
final class SnapStartPriming implements Resource {
    private static final String[] LINES = {
        "{\"level\":\"info\",\"message\":\"primed\",\"user_id\":1,\"password\":\"x\"}",
        "time=2024-03-12T10:15:32Z level=warn msg=\"primed\" duration_ms=3",
        "10.0.0.1 - - [12/Mar/2024:10:15:32 +0000] \"GET /health?x=1 HTTP/1.1\" 200 2 \"-\" \"curl/8\" 0.001",
        "REPORT RequestId: 00000000-0000-0000-0000-000000000000\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB",
        "2024-03-12 10:15:32,001 ERROR [main] io.logpipe.Prime - failed\njava.lang.IllegalStateException: primed\n\tat io.logpipe.Prime.run(Prime.java:1)",
        // A CSV line under the default LOGPIPE_CSV_HEADERS (loads jackson-dataformat-csv); text under any other.
        "2024-03-12T10:15:32.001Z,INFO,prime,io.logpipe.Prime,prime,primed,u-1,,,GET,/health,200,1",
    };
    private static final int ROUNDS = 2_000;

    private final PipelineConfig config;

    private SnapStartPriming(PipelineConfig config) {
        this.config = config;
    }

    static void register(PipelineConfig config) {
        Core.getGlobalContext().register(new SnapStartPriming(config));
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        DeadLetterSink discard = deadLetters -> { };
        LogProcessor processor = new LogProcessor(config, new DryRunSink(), discard);
        byte[] cloudWatch = cloudWatchEvent();
        byte[] kafka = kafkaEvent();
        for (int i = 0; i < ROUNDS; i++) {
            processor.process(cloudWatch, SourceKind.CLOUDWATCH, Deadline.none());
            processor.process(kafka, SourceKind.KAFKA, Deadline.none());
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing captured that needs refreshing: the priming processor is garbage now
    }

    private static byte[] cloudWatchEvent() throws IOException {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < LINES.length; i++) {
            events.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i + 1).append("\",\"timestamp\":1710238532000,\"message\":")
                    .append(quote(LINES[i])).append('}');
        }
        String payload = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"000000000000\",\"logGroup\":\"/ecs/prime\","
                + "\"logStream\":\"prime\",\"subscriptionFilters\":[\"prime\"],\"logEvents\":[" + events + "]}";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(payload.getBytes(StandardCharsets.UTF_8));
        }
        return ("{\"awslogs\":{\"data\":\"" + Base64.getEncoder().encodeToString(gz.toByteArray()) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] kafkaEvent() {
        String value = Base64.getEncoder().encodeToString(LINES[0].getBytes(StandardCharsets.UTF_8));
        return ("{\"eventSource\":\"aws:kafka\",\"records\":{\"app-logs-0\":[{\"topic\":\"app-logs\",\"partition\":0,"
                + "\"offset\":1,\"timestamp\":1710238532000,\"value\":\"" + value + "\",\"headers\":[]}]}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }
}
