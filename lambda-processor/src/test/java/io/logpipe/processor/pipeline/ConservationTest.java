package io.logpipe.processor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.Level;
import io.logpipe.processor.model.SourceKind;
import io.logpipe.processor.testing.TestPipeline;
import io.logpipe.testkit.fixtures.CorpusGenerator;
import io.logpipe.testkit.fixtures.HostileCorpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nothing is lost: for every Lambda event, every log event it carried is either inside an indexed document or
 * in a dead letter with a reason and its original; a payload that cannot be opened is one dead letter.
 */
class ConservationTest {
    private static final String ISO_UTC_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    private static final Set<String> LEVELS = Arrays.stream(Level.values()).map(Enum::name).collect(Collectors.toSet());

    private static final List<HostileCorpus.Case> HOSTILE = HostileCorpus.cases();
    private static List<String> cloudWatchCorpus;
    private static CorpusGenerator.Stats cloudWatchStats;
    private static List<String> kafkaCorpus;
    private static CorpusGenerator.Stats kafkaStats;

    @BeforeAll
    static void generateCorpus() throws IOException {
        CorpusGenerator generator = new CorpusGenerator(20240312L);
        ByteArrayOutputStream cloudWatch = new ByteArrayOutputStream();
        cloudWatchStats = generator.writeCloudWatch(cloudWatch, 300, 1, 80);
        cloudWatchCorpus = cloudWatch.toString(StandardCharsets.UTF_8).lines().toList();
        ByteArrayOutputStream kafka = new ByteArrayOutputStream();
        kafkaStats = generator.writeKafka(kafka, 60, 1, 25);
        kafkaCorpus = kafka.toString(StandardCharsets.UTF_8).lines().toList();
    }

    static Stream<HostileCorpus.Case> hostileCases() {
        return HOSTILE.stream();
    }

    private static SourceKind sourceOf(HostileCorpus.Case c) {
        return c.name().startsWith("msk-") ? SourceKind.KAFKA : SourceKind.CLOUDWATCH;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileCases")
    void should_conserve_every_event_when_the_input_is_hostile(HostileCorpus.Case hostile) {
        TestPipeline pipeline = new TestPipeline();
        TestPipeline.Run[] result = new TestPipeline.Run[1];

        assertThatCode(() -> result[0] = pipeline.process(hostile.lambdaEventLine().getBytes(StandardCharsets.UTF_8),
                sourceOf(hostile))).doesNotThrowAnyException();

        TestPipeline.Run run = result[0];
        InvocationReport report = run.report();
        assertThat(report.conserved()).as("conserved: %s", report).isTrue();
        assertThat(report.eventsIn()).isEqualTo(report.eventsIndexed() + report.eventsDeadLettered());
        assertDeadLettersAreComplete(run);
        assertUniqueIds(run);
        if (hostile.expectation().startsWith(HostileCorpus.PAYLOAD_DEAD_LETTER)) {
            DeadLetter dead = run.singleDeadLetter();
            assertThat(dead.eventId()).isNull();
            assertThat(dead.source()).isNull();
            assertThat(dead.original()).isEqualTo(hostile.lambdaEventLine());
            assertThat(report.payloadsDeadLettered()).isEqualTo(1);
            assertThat(run.documents()).isEmpty();
        } else {
            assertThat(report.payloadsDeadLettered()).isZero();
            if (!report.control()) {
                assertThat(report.eventsIn()).isEqualTo(hostile.expectedLogEvents());
            }
        }
    }

    @Test
    void should_index_every_event_of_the_hostile_message_cases_when_the_payloads_are_well_formed() {
        for (String name : List.of("single-line-300kb", "json-nested-5000-deep", "json-3000-fields", "control-characters",
                "ansi-colour-escapes", "invalid-utf8", "lone-surrogates", "timestamp-year-9999", "ten-thousand-small-events")) {
            HostileCorpus.Case hostile = HOSTILE.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
            TestPipeline.Run run = new TestPipeline().cloudWatch(hostile.lambdaEventLine());
            assertThat(run.deadLetters()).as(name).isEmpty();
            assertThat(run.report().eventsIndexed()).as(name).isEqualTo(hostile.expectedLogEvents());
            assertThat(run.documents()).as(name).hasSize(hostile.expectedLogEvents());
        }
    }

    @Test
    void should_conserve_events_and_produce_valid_documents_when_the_realistic_cloudwatch_corpus_is_processed() {
        TestPipeline pipeline = new TestPipeline();
        SoftAssertions softly = new SoftAssertions();
        long eventsIn = 0;
        long indexed = 0;
        long documents = 0;
        long joined = 0;
        Set<String> ids = new HashSet<>();
        for (String line : cloudWatchCorpus) {
            TestPipeline.Run run = pipeline.cloudWatch(line);
            InvocationReport report = run.report();
            softly.assertThat(report.conserved()).as("conserved: %s", report).isTrue();
            softly.assertThat(run.deadLetters()).as("dead letters of a realistic payload").isEmpty();
            for (JsonNode doc : run.documents()) {
                assertRealisticDocument(doc, softly);
                softly.assertThat(ids.add(doc.at("/event/id").asText())).as("unique id %s", doc.at("/event/id")).isTrue();
            }
            eventsIn += report.eventsIn();
            indexed += report.eventsIndexed();
            documents += report.documents();
            joined += report.joined();
        }
        softly.assertAll();
        assertThat(cloudWatchCorpus).hasSize(300);
        assertThat(eventsIn).isEqualTo(cloudWatchStats.events());
        assertThat(indexed).isEqualTo(eventsIn);
        assertThat(documents).isEqualTo(ids.size());
        assertThat(joined).as("the corpus has split stack traces and Docker partials to join").isPositive();
    }

    @Test
    void should_conserve_records_and_produce_valid_documents_when_the_realistic_kafka_corpus_is_processed() {
        TestPipeline pipeline = new TestPipeline();
        SoftAssertions softly = new SoftAssertions();
        long eventsIn = 0;
        Set<String> ids = new HashSet<>();
        for (String line : kafkaCorpus) {
            TestPipeline.Run run = pipeline.kafka(line);
            softly.assertThat(run.report().conserved()).as("conserved: %s", run.report()).isTrue();
            softly.assertThat(run.deadLetters()).isEmpty();
            for (JsonNode doc : run.documents()) {
                assertRealisticDocument(doc, softly);
                softly.assertThat(doc.at("/event/id").asText()).matches("(app|text)-logs-\\d-\\d+");
                softly.assertThat(ids.add(doc.at("/event/id").asText())).isTrue();
            }
            eventsIn += run.report().eventsIn();
        }
        softly.assertAll();
        assertThat(eventsIn).isEqualTo(kafkaStats.events());
        assertThat((long) ids.size()).isEqualTo(eventsIn);
    }

    private static void assertRealisticDocument(JsonNode doc, SoftAssertions softly) {
        String id = doc.at("/event/id").asText();
        softly.assertThat(doc.at("/@timestamp").asText()).as("@timestamp of %s", id).matches(ISO_UTC_MILLIS);
        softly.assertThat(doc.at("/event/id").isTextual()).as("event.id").isTrue();
        softly.assertThat(id).isNotBlank();
        softly.assertThat(doc.at("/message").isTextual()).as("message of %s", id).isTrue();
        softly.assertThat(LEVELS).as("log.level of %s", id).contains(doc.at("/log/level").asText());
        softly.assertThat(doc.at("/service/name").asText()).as("service.name of %s", id).isNotBlank();
        softly.assertThat(doc.at("/service/environment").asText()).as("service.environment of %s", id).isNotBlank();
        softly.assertThat(doc.at("/tags").toString()).as("tags of %s", id).doesNotContain("timestamp_out_of_range");
    }

    private static void assertDeadLettersAreComplete(TestPipeline.Run run) {
        for (DeadLetter dead : run.deadLetters()) {
            assertThat(dead.reason()).as("reason of %s", dead).isNotBlank();
            assertThat(dead.original()).as("original of %s", dead.reason()).isNotBlank();
            assertThat(dead.stage()).isNotNull();
            assertThat(dead.kind()).isNotNull();
        }
    }

    private static void assertUniqueIds(TestPipeline.Run run) {
        List<String> ids = run.documents().stream().map(d -> d.at("/event/id").asText()).toList();
        assertThat(ids).doesNotHaveDuplicates().doesNotContain("");
    }
}
