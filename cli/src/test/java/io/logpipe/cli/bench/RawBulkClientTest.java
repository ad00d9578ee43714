package io.logpipe.cli.bench;

import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.model.SourceKind;
import io.logpipe.processor.pipeline.LogProcessor;
import io.logpipe.processor.sink.BulkActionWriter;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.DocumentEncoder;
import io.logpipe.processor.sink.opensearch.bulk.BulkBatcher;
import io.logpipe.processor.sink.opensearch.bulk.BulkItem;
import io.logpipe.processor.sink.opensearch.bulk.BulkRequest;
import io.logpipe.testkit.fixtures.CorpusGenerator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RawBulkClientTest {

    @Test
    void bodiesAreByteForByteWhatTheSinksBatcherBuilds() throws Exception {
        List<LogEvent> docs = documents();
        for (int[] limits : new int[][] {{4096, 7}, {64 * 1024, 3}, {2048, 1000}, {5 << 20, 5_000}}) {
            List<RawBulkClient.Body> raw = RawBulkClient.bodies(docs, "bench-x", limits[0], limits[1]);
            List<BulkRequest> sink = new BulkBatcher(limits[0], limits[1]).split(items(docs, "bench-x"));

            assertThat(raw).hasSameSizeAs(sink);
            for (int i = 0; i < raw.size(); i++) {
                assertThat(raw.get(i).ndjson()).isEqualTo(sink.get(i).body());
                assertThat(raw.get(i).docs()).isEqualTo(sink.get(i).items().size());
            }
            assertThat(raw.stream().mapToInt(RawBulkClient.Body::docs).sum()).isEqualTo(docs.size());
        }
    }

    @Test
    void eachDocumentIsACreateActionAndADocumentLine() throws Exception {
        List<LogEvent> docs = documents().subList(0, 2);
        String body = new String(RawBulkClient.bodies(docs, "bench-x", 5 << 20, 5_000).getFirst().ndjson(),
                StandardCharsets.UTF_8);
        String[] lines = body.split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo("{\"create\":{\"_index\":\"bench-x\",\"_id\":\"" + docs.getFirst().raw.id() + "\"}}");
        assertThat(lines[1]).startsWith("{").contains(docs.getFirst().raw.id());
        assertThat(body).endsWith("\n");
    }

    @Test
    void gzipRoundTrips() throws Exception {
        byte[] data = "{\"create\":{}}\n{\"a\":1}\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        byte[] gz = RawBulkClient.gzip(data);
        assertThat(gz.length).isLessThan(data.length);
        assertThat(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz)).readAllBytes()).isEqualTo(data);
    }

    /** What OpenSearchSink hands its BulkWriter: encoded document and action line per event. */
    private static List<BulkItem> items(List<LogEvent> docs, String index) throws Exception {
        DocumentEncoder encoder = new DocumentEncoder();
        BulkActionWriter actions = new BulkActionWriter();
        List<BulkItem> items = new ArrayList<>();
        for (LogEvent e : docs) {
            encoder.encode(e);
            ByteArrayOutputStream doc = new ByteArrayOutputStream();
            encoder.writeTo(doc);
            ByteArrayOutputStream action = new ByteArrayOutputStream();
            actions.writeCreate(index, e.raw.id(), action);
            items.add(new BulkItem(e, doc.toByteArray(), action.toByteArray()));
        }
        return items;
    }

    private static List<LogEvent> documents() throws Exception {
        ByteArrayOutputStream corpus = new ByteArrayOutputStream();
        new CorpusGenerator(7).writeCloudWatch(corpus, 6, 20, 40);
        CapturingSink capture = new CapturingSink(null);
        LogProcessor processor = new LogProcessor(PipelineConfig.defaults(), capture, letters -> { });
        for (String line : corpus.toString(StandardCharsets.UTF_8).split("\n")) {
            processor.process(line.getBytes(StandardCharsets.UTF_8), SourceKind.CLOUDWATCH, Deadline.none());
        }
        assertThat(capture.documents()).hasSizeGreaterThan(50);
        return capture.documents();
    }
}
