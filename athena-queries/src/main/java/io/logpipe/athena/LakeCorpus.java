package io.logpipe.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.SourceKind;
import io.logpipe.processor.pipeline.LogProcessor;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.NdjsonSink;
import io.logpipe.processor.sink.SinkUnavailableException;
import io.logpipe.processor.sink.archive.ArchivePartition;
import io.logpipe.testkit.fixtures.CloudWatchEvents;
import io.logpipe.testkit.fixtures.CorpusGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a data lake under a local root, laid out as in S3: {@code logs/raw/dt=/hour=/} with the CloudWatch
 * payloads as delivered (one payload JSON a line, gzip) and {@code logs/structured/service=/dt=/hour=/} with the
 * documents the real processor makes of them ({@link NdjsonSink}, gzip NDJSON, split into partitions by the
 * archive sink's own {@link ArchivePartition}), and keeps every document ({@link Doc}) for the expectations.
 *
 * <p>testkit's {@link CorpusGenerator} makes the payloads. Its clock covers only seconds per payload, so to give the
 * queries hours, days, ISO weeks and a month boundary to group by, payload {@code i} is moved {@code i × }
 * {@link Shape#spacingMs()} later: the delivered payload's event timestamps, and its documents' {@code @timestamp}
 * and {@code event.created} (the documents are the processor's output for the original payload; only those two
 * values are rewritten, in place). Every {@link Shape#payloadsPerObject()} payloads, the buffered documents are
 * written as one object per partition, as an archive sink flushing per batch would.
 */
final class LakeCorpus {
    /**
     * How much to generate: {@code payloads} deliveries of {@code minEvents..maxEvents} events, payload {@code i}
     * moved {@code i × spacingMs}; objects flushed every {@code payloadsPerObject} payloads; {@code keepDocs} false
     * keeps only counts (for the benchmark's million events).
     */
    record Shape(int payloads, int minEvents, int maxEvents, long spacingMs, int payloadsPerObject, boolean keepDocs) {
    }

    /** The test corpus: 400 payloads 97 minutes apart, 2024-03-12 to 2024-04-08 (hours, days, weeks, a month end). */
    static final Shape TEST = new Shape(400, 10, 60, 97 * 60_000L, 24, true);
    /** The trace of {@link #traceAcrossServices()}. */
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final Path root;
    final List<Doc> docs = new ArrayList<>();
    /** Delivered payloads: per payload, its event count and raw partition. */
    final List<RawPayload> rawPayloads = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    long structuredBytes;

    record RawPayload(String dt, String hour, String logGroup, String messageType, int events) {
    }

    private final Map<String, ByteArrayOutputStream> pendingStructured = new TreeMap<>();
    private final Map<String, ByteArrayOutputStream> pendingRaw = new TreeMap<>();
    private final List<Doc> pendingDocs = new ArrayList<>();
    private int flushes;

    private final ByteArrayOutputStream documents = new ByteArrayOutputStream(1 << 20);
    private final LogProcessor processor =
            new LogProcessor(PipelineConfig.defaults(), new NdjsonSink(documents, null), deadLetters::addAll);

    private final boolean keepDocs;
    long documentCount;
    long rawEventCount;

    private LakeCorpus(Path root, boolean keepDocs) {
        this.root = root;
        this.keepDocs = keepDocs;
    }

    static LakeCorpus write(Path root, long seed, Shape shape) throws IOException, SinkUnavailableException {
        LakeCorpus lake = new LakeCorpus(root, shape.keepDocs());
        CorpusGenerator generator = new CorpusGenerator(seed);
        for (int i = 0; i < shape.payloads(); i++) {
            lake.ingest(generator.nextPayload(shape.minEvents(), shape.maxEvents()).build(), i * shape.spacingMs());
            if ((i + 1) % shape.payloadsPerObject() == 0) {
                lake.flush();
            }
        }
        for (CloudWatchEvents payload : traceAcrossServices()) {
            lake.ingest(payload.build(), 0);
        }
        lake.flush();
        return lake;
    }

    /** One delivery through the real processor: the payload to logs/raw, its documents to logs/structured. */
    private void ingest(byte[] json, long shift) throws IOException, SinkUnavailableException {
        documents.reset();
        processor.process(CloudWatchEvents.lambdaEventFromRawPayload(json).getBytes(StandardCharsets.UTF_8),
                SourceKind.CLOUDWATCH, Deadline.none());
        addRaw(json, shift);
        for (String line : documents.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                addDocument(line, shift);
            }
        }
    }

    /**
     * The generator gives every trace its own id; these payloads add one request traced through three services
     * (JSON logs, access log, a stack trace) across midnight, so a trace search spans services and days.
     */
    static List<CloudWatchEvents> traceAcrossServices() {
        String t = TRACE_ID;
        return List.of(
                CloudWatchEvents.payload("/ecs/checkout", "checkout/web/0a1b2c3d").subscriptionFilters("ecs-to-logpipe")
                        .event(1_711_065_598_120L, "{\"timestamp\":\"2024-03-21T23:59:58.120Z\",\"level\":\"INFO\","
                                + "\"message\":\"Checkout started\",\"trace_id\":\"" + t + "\",\"span_id\":\"a1a1a1a1a1a1a1a1\","
                                + "\"service\":\"checkout\",\"env\":\"prod\",\"host\":\"web-1\"}")
                        .event(1_711_065_602_410L, "{\"timestamp\":\"2024-03-22T00:00:02.410Z\",\"level\":\"INFO\","
                                + "\"message\":\"Checkout finished\",\"trace_id\":\"" + t + "\",\"span_id\":\"a1a1a1a1a1a1a1a1\","
                                + "\"service\":\"checkout\",\"env\":\"prod\",\"host\":\"web-1\",\"method\":\"POST\","
                                + "\"path\":\"/api/v1/checkout\",\"status\":502,\"duration_ms\":4290}"),
                CloudWatchEvents.payload("/ecs/payments", "payments/api/4e5f6a7b").subscriptionFilters("ecs-to-logpipe")
                        .event(1_711_065_599_002L, "{\"timestamp\":\"2024-03-21T23:59:59.002Z\",\"level\":\"WARN\","
                                + "\"message\":\"Card authorization slow\",\"trace_id\":\"" + t + "\",\"span_id\":\"b2b2b2b2b2b2b2b2\","
                                + "\"service\":\"payments\",\"env\":\"prod\",\"host\":\"api-7\",\"latency_ms\":2875}")
                        .event(1_711_065_601_950L, "{\"timestamp\":\"2024-03-22T00:00:01.950Z\",\"level\":\"ERROR\","
                                + "\"message\":\"Authorization failed\",\"trace_id\":\"" + t + "\",\"span_id\":\"b2b2b2b2b2b2b2b2\","
                                + "\"service\":\"payments\",\"env\":\"prod\",\"host\":\"api-7\",\"error\":{\"type\":"
                                + "\"java.net.SocketTimeoutException\",\"message\":\"Read timed out\",\"stack_trace\":"
                                + "\"java.net.SocketTimeoutException: Read timed out\\n\\tat com.acme.payments.Gateway"
                                + ".authorize(Gateway.java:88)\"}}"),
                CloudWatchEvents.payload("/ecs/inventory", "inventory/api/8c9d0e1f").subscriptionFilters("ecs-to-logpipe")
                        .event(1_711_065_600_300L, "{\"timestamp\":\"2024-03-22T00:00:00.300Z\",\"level\":\"INFO\","
                                + "\"message\":\"Stock reserved\",\"traceId\":\"" + t + "\",\"spanId\":\"c3c3c3c3c3c3c3c3\","
                                + "\"service\":\"inventory\",\"env\":\"prod\",\"host\":\"api-2\",\"duration_ms\":18}"));
    }

    /** The payload with each logEvents[].timestamp moved by {@code shift}, in the hour of its last event. */
    private void addRaw(byte[] json, long shift) throws IOException {
        ObjectNode payload = (ObjectNode) JSON.readTree(json);
        long delivered = Long.MIN_VALUE;
        for (JsonNode event : payload.withArray("logEvents")) {
            long t = event.path("timestamp").asLong() + shift;
            ((ObjectNode) event).put("timestamp", t);
            delivered = Math.max(delivered, t);
        }
        Instant at = Instant.ofEpochMilli(delivered);
        String partition = "logs/raw/dt=" + Doc.day(at) + "/hour=" + Doc.hour(at);
        append(pendingRaw, partition, JSON.writeValueAsBytes(payload));
        rawEventCount += payload.withArray("logEvents").size();
        rawPayloads.add(new RawPayload(Doc.day(at), Doc.hour(at), payload.path("logGroup").asText(),
                payload.path("messageType").asText(), payload.withArray("logEvents").size()));
    }

    private void addDocument(String line, long shift) throws IOException {
        String shifted = shiftTime(shiftTime(line, "{\"@timestamp\":\"", shift, true), "\"created\":\"", shift, false);
        JsonNode doc = JSON.readTree(shifted);
        // the archive sink's own partitioning (service.name made key-safe, dt/hour from @timestamp)
        ArchivePartition archive = ArchivePartition.of(doc.path("service").path("name").asText(null),
                doc.path("@timestamp").asText());
        String partition = "logs/structured/" + archive.path().substring(0, archive.path().length() - 1);
        String object = partition + "/" + objectName("ndjson.gz");
        append(pendingStructured, partition, shifted.getBytes(StandardCharsets.UTF_8));
        documentCount++;
        if (keepDocs) {
            pendingDocs.add(Doc.of(doc, archive.service(), object));
        }
    }

    /** Rewrites the ISO-8601 value that follows the first {@code key}, which must be where the writer puts it. */
    private static String shiftTime(String line, String key, long shift, boolean atStart) {
        int at = line.indexOf(key);
        if (at < 0 || (atStart && at != 0)) {
            throw new IllegalStateException("no " + key + " in document " + line);
        }
        int start = at + key.length();
        int end = line.indexOf('"', start);
        String original = line.substring(start, end);
        Instant t = Instant.parse(original);
        if (!ISO_MILLIS.format(t).equals(original)) {
            throw new IllegalStateException("unexpected time format " + original);
        }
        return line.substring(0, start) + ISO_MILLIS.format(t.plusMillis(shift)) + line.substring(end);
    }

    private static void append(Map<String, ByteArrayOutputStream> pending, String partition, byte[] line) {
        ByteArrayOutputStream out = pending.computeIfAbsent(partition, p -> new ByteArrayOutputStream());
        out.writeBytes(line);
        out.write('\n');
    }

    private String objectName(String suffix) {
        return String.format("part-%05d.%s", flushes, suffix);
    }

    private void flush() throws IOException {
        for (Map.Entry<String, ByteArrayOutputStream> e : pendingStructured.entrySet()) {
            structuredBytes += writeGzip(root.resolve(e.getKey()).resolve(objectName("ndjson.gz")), e.getValue());
        }
        for (Map.Entry<String, ByteArrayOutputStream> e : pendingRaw.entrySet()) {
            writeGzip(root.resolve(e.getKey()).resolve(objectName("json.gz")), e.getValue());
        }
        docs.addAll(pendingDocs);
        pendingDocs.clear();
        pendingStructured.clear();
        pendingRaw.clear();
        flushes++;
    }

    private static long writeGzip(Path file, ByteArrayOutputStream content) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            content.writeTo(out);
        }
        return Files.size(file);
    }

    /** Size of a written object, by its path relative to the root. */
    long size(String relativePath) {
        try {
            return Files.size(root.resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Partition directories ("a=1/b=2" relative to {@code prefix}) that hold objects, with their values. */
    List<Map<String, String>> partitions(String prefix) throws IOException {
        return partitions(root, prefix);
    }

    /** Partition directories under {@code root/prefix} that hold objects (any lake, not only a generated one). */
    static List<Map<String, String>> partitions(Path root, String prefix) throws IOException {
        List<Map<String, String>> out = new ArrayList<>();
        Path base = root.resolve(prefix);
        try (var dirs = Files.walk(base)) {
            for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                try (var files = Files.list(dir)) {
                    if (files.noneMatch(Files::isRegularFile)) {
                        continue;
                    }
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (Path segment : base.relativize(dir)) {
                    String[] kv = segment.toString().split("=", 2);
                    if (kv.length == 2) {
                        values.put(kv[0], kv[1]);
                    }
                }
                if (!values.isEmpty()) {
                    out.add(values);
                }
            }
        }
        return out;
    }
}
