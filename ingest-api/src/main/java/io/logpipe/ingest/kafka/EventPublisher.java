package io.logpipe.ingest.kafka;

import io.logpipe.ingest.IngestConfig;
import io.logpipe.ingest.events.EventStamper.Stamped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes a request's events and returns only when Kafka acknowledged every one of them, or throws
 * {@link PublishFailedException}. Records carry no key (the producer fills batches partition by partition, the
 * fastest way to absorb a burst) and the receive time as their timestamp.
 */
public final class EventPublisher implements AutoCloseable {
    /** Extra wait past {@code delivery.timeout.ms}, after which the producer has failed every pending record itself. */
    private static final long WAIT_MARGIN_MS = 2_000;

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final long waitMs;
    private volatile boolean closed;

    public EventPublisher(IngestConfig config) {
        this(new KafkaProducer<>(KafkaSettings.producer(config)), config.topic(), config.sendTimeoutMs());
    }

    EventPublisher(Producer<byte[], byte[]> producer, String topic, int sendTimeoutMs) {
        this.producer = producer;
        this.topic = topic;
        this.waitMs = sendTimeoutMs + WAIT_MARGIN_MS;
    }

    public void publish(List<Stamped> events, Instant receivedAt) throws PublishFailedException, InterruptedException {
        int total = events.size();
        if (closed) {
            throw new PublishFailedException("the API is shutting down", 0, total, null);
        }
        CountDownLatch pending = new CountDownLatch(total);
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        int sent = 0;
        try {
            for (Stamped event : events) {
                producer.send(new ProducerRecord<>(topic, null, receivedAt.toEpochMilli(), null, event.value()),
                        (metadata, error) -> {
                            if (error == null) {
                                acknowledged.incrementAndGet();
                            } else {
                                failure.compareAndSet(null, error);
                            }
                            pending.countDown();
                        });
                sent++;
            }
        } catch (RuntimeException e) {           // metadata or buffer wait over max.block.ms, producer closed
            failure.compareAndSet(null, e);
            for (int i = sent; i < total; i++) {
                pending.countDown();
            }
        }
        if (!pending.await(waitMs, TimeUnit.MILLISECONDS)) {
            failure.compareAndSet(null, new java.util.concurrent.TimeoutException("no acknowledgement within " + waitMs + " ms"));
        }
        Exception error = failure.get();
        if (error != null) {
            int ok = acknowledged.get();
            throw new PublishFailedException("Kafka did not acknowledge " + (total - ok) + " of " + total
                    + " events: " + describe(error), ok, total, error);
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Sends what is buffered and waits for it (bounded), then closes: the graceful half of a shutdown. */
    @Override
    public void close() {
        closed = true;
        producer.flush();
        producer.close(Duration.ofMillis(waitMs));
    }

    public void close(Duration timeout) {
        closed = true;
        producer.close(timeout);
    }
}
