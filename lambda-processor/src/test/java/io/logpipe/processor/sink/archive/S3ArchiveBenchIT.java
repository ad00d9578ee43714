package io.logpipe.processor.sink.archive;

import io.logpipe.processor.aws.AwsClientSettings;
import io.logpipe.processor.aws.S3Clients;
import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.model.SourceKind;
import io.logpipe.processor.pipeline.LogProcessor;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.DocumentSink;
import io.logpipe.processor.sink.SinkResult;
import io.logpipe.testkit.fixtures.CorpusGenerator;
import io.logpipe.testkit.servers.S3ProxyExtension;
import io.logpipe.testkit.servers.S3ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Archive write throughput into S3 (S3Proxy on loopback): one {@code archive} call per invocation, as the
 * Lambda makes them. A benchmark, not a test: it only runs with {@code -Dlogpipe.archive.bench=true}
 * (docs/BENCHMARKS.md §4 has the command) and asserts only that reruns overwrite the same objects.
 */
@ExtendWith(S3ProxyExtension.class)
@EnabledIfSystemProperty(named = "logpipe.archive.bench", matches = "true")
class S3ArchiveBenchIT {

    @Test
    void should_report_archive_throughput_when_benchmarking(S3ProxyServer s3) throws Exception {
        List<List<LogEvent>> invocations = invocations(Integer.getInteger("logpipe.archive.bench.payloads", 100));
        long documents = invocations.stream().mapToLong(List::size).sum();
        s3.createBucket("bench-lake");
        S3ArchiveConfig config = S3ArchiveConfig.of("bench-lake", AwsClientSettings.of("us-east-1", s3.uri()));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (S3ArchiveSink sink = new S3ArchiveSink(S3Clients.create(config.client(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())), List.of()), config)) {
            long objectsAfterFirst = -1;
            for (int round = 1; round <= 3; round++) {
                long wall0 = System.nanoTime(), cpu0 = threads.getCurrentThreadCpuTime();
                for (List<LogEvent> documentsOfOneInvocation : invocations) {
                    sink.archive(documentsOfOneInvocation, Deadline.none());
                }
                double wall = (System.nanoTime() - wall0) / 1e9, cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
                long objects = objects(s3.baseDir());
                System.out.printf("archive round %d: %,d documents in %,d invocations, %,d objects | wall %.2f s = %,.0f docs/s"
                        + " | calling-thread CPU %.2f s = %.1f us/doc%n", round, documents, invocations.size(), objects, wall,
                        documents / wall, cpu, cpu * 1e6 / documents);
                objectsAfterFirst = objectsAfterFirst < 0 ? objects : objectsAfterFirst;
                assertThat(objects).as("redelivery overwrites the same keys").isEqualTo(objectsAfterFirst);
            }
        }
    }

    private static List<List<LogEvent>> invocations(int payloads) throws Exception {
        ByteArrayOutputStream corpus = new ByteArrayOutputStream();
        new CorpusGenerator(42).writeCloudWatch(corpus, payloads, 100, 500);
        List<List<LogEvent>> invocations = new ArrayList<>();
        DocumentSink capture = new DocumentSink() {
            @Override
            public SinkResult write(List<LogEvent> documents, Deadline deadline) {
                invocations.add(List.copyOf(documents));
                return new SinkResult(documents.size(), 0, List.of());
            }
        };
        LogProcessor processor = new LogProcessor(PipelineConfig.defaults(), capture, letters -> { });
        for (String line : corpus.toString(StandardCharsets.UTF_8).split("\n")) {
            processor.process(line.getBytes(StandardCharsets.UTF_8), SourceKind.CLOUDWATCH, Deadline.none());
        }
        return invocations;
    }

    private static long objects(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".ndjson.gz")).count();
        }
    }
}
