/**
 * Kafka for tests: an in-process broker and a stand-in for Lambda's Amazon MSK event source mapping.
 *
 * <ul>
 *   <li>{@link io.logpipe.testkit.kafka.KafkaBroker}: one KRaft node (broker and controller in one) on 127.0.0.1
 *       and free ports, data in a temp directory; {@link io.logpipe.testkit.kafka.KafkaBroker#shared()} once per
 *       JVM, injected by {@link io.logpipe.testkit.kafka.KafkaExtension}.</li>
 *   <li>{@link io.logpipe.testkit.kafka.MskEventPoller}: consumes topics in a consumer group and invokes a function
 *       with the exact MSK Lambda event ({@link io.logpipe.testkit.kafka.MskBatch}), bounded by batch size,
 *       batching window and the 6 MB payload; commits only after the function returned and redelivers the same
 *       batch (seeking back) when it threw.</li>
 * </ul>
 *
 * <pre>{@code
 * @ExtendWith(KafkaExtension.class)
 * class MyIT {
 *     @Test
 *     void indexes(KafkaBroker kafka) throws Exception {
 *         kafka.createTopic("my-it-logs", 6);
 *         try (var producer = kafka.newProducer()) { producer.send(new ProducerRecord<>("my-it-logs", bytes)).get(); }
 *         try (var esm = MskEventPoller.start(MskEventPoller.Options.forTopics(kafka.bootstrapServers(), "my-it-logs"))) {
 *             esm.drain(batch -> handler.handleRequest(new ByteArrayInputStream(batch.eventBytes()), out, null),
 *                     Duration.ofSeconds(1), Duration.ofMinutes(1));
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>{@code org.apache.kafka:kafka_2.13} is an optional dependency of testkit (the CLI depends on testkit and ships
 * no Kafka): a module whose tests use this package adds it in test scope. See {@code docs/kafka.md} for how the
 * poller's rules map to the MSK event source mapping.
 */
package io.logpipe.testkit.kafka;
