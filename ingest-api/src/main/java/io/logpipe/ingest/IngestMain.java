package io.logpipe.ingest;

import io.logpipe.ingest.http.IngestHttpServer;
import io.logpipe.ingest.kafka.ClusterHealth;
import io.logpipe.ingest.kafka.EventPublisher;
import io.logpipe.ingest.metrics.IngestMetrics;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the ingestion API: configuration from the environment (flags {@code --port}, {@code --kafka},
 * {@code --topic} override it for local runs), then serves until SIGTERM/SIGINT, on which it stops taking
 * requests, lets those in progress finish, and flushes the producer.
 */
public final class IngestMain {
    private IngestMain() {
    }

    public static void main(String[] args) throws Exception {
        IngestConfig config;
        try {
            config = IngestConfig.fromEnvironment(withFlags(System.getenv(), args));
        } catch (IllegalArgumentException e) {
            System.err.println("ingest-api: " + e.getMessage());
            System.err.println("usage: ingest-api [--port N] [--kafka HOST:PORT[,...]] [--topic NAME]  (or the environment, see README)");
            System.exit(2);
            return;
        }
        IngestApi api = IngestApi.start(config, "0.0.0.0");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("ingest-api: stopping (finishing requests in progress, flushing to Kafka)");
            api.close();
            stopped.countDown();
        }, "ingest-api-shutdown"));
        System.err.printf("ingest-api: listening on :%d, publishing to %s on %s (sasl %s)%n", api.port(),
                config.topic(), config.bootstrapServers(), config.sasl().name().toLowerCase(java.util.Locale.ROOT));
        stopped.await();
    }

    static Map<String, String> withFlags(Map<String, String> env, String[] args) {
        Map<String, String> out = new HashMap<>(env);
        for (int i = 0; i < args.length; i++) {
            String name = switch (args[i]) {
                case "--port" -> "PORT";
                case "--kafka" -> "KAFKA_BOOTSTRAP_SERVERS";
                case "--topic" -> "KAFKA_TOPIC";
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            };
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            out.put(name, args[++i]);
        }
        return out;
    }

    /** The running API: HTTP server, producer, health client. Also what the tests start. */
    public static final class IngestApi implements AutoCloseable {
        private final IngestHttpServer http;
        private final EventPublisher publisher;
        private final ClusterHealth health;
        private final IngestMetrics metrics;
        private final IngestConfig config;

        private IngestApi(IngestHttpServer http, EventPublisher publisher, ClusterHealth health, IngestMetrics metrics,
                          IngestConfig config) {
            this.http = http;
            this.publisher = publisher;
            this.health = health;
            this.metrics = metrics;
            this.config = config;
        }

        public static IngestApi start(IngestConfig config, String host) throws IOException {
            IngestMetrics metrics = new IngestMetrics();
            EventPublisher publisher = new EventPublisher(config);
            ClusterHealth health = new ClusterHealth(config);
            try {
                IngestService service = new IngestService(config, publisher, health, metrics, Clock.systemUTC());
                return new IngestApi(IngestHttpServer.start(host, config.port(), service, metrics), publisher, health,
                        metrics, config);
            } catch (IOException | RuntimeException e) {
                publisher.close(Duration.ZERO);
                health.close();
                throw e;
            }
        }

        public int port() {
            return http.port();
        }

        public IngestMetrics metrics() {
            return metrics;
        }

        /** Graceful: no new requests, those in progress answered (bounded by the send timeout), producer flushed. */
        @Override
        public void close() {
            http.stop(Duration.ofMillis(config.sendTimeoutMs() + 2_000L));
            publisher.close();
            health.close();
        }
    }
}
