package io.logpipe.processor.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpipe.processor.model.Level;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.model.RawLogRecord;
import io.logpipe.processor.model.SourceContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** One writer reused across documents (it keeps the last service, host and cloud groups) writes each as a new one would. */
class EcsDocumentWriterTest {

    private static LogEvent event(int i, String service, String env, String host, String account, String region) {
        LogEvent e = new LogEvent(new RawLogRecord("id-" + i, 1_710_238_532_000L + i, "m" + i,
                SourceContext.cloudWatch(account, "/ecs/" + service, "stream")));
        e.timestamp = 1_710_238_532_000L + i;
        e.message = "message " + i;
        e.level = Level.INFO;
        e.serviceName = service;
        e.environment = env;
        e.hostName = host;
        e.cloudAccountId = account;
        e.cloudRegion = region;
        return e;
    }

    private static LogEvent withSource(LogEvent e, SourceContext source) {
        LogEvent moved = new LogEvent(new RawLogRecord(e.raw.id(), e.raw.timestamp(), e.raw.message(), source));
        moved.timestamp = e.timestamp;
        moved.message = e.message;
        moved.level = e.level;
        moved.serviceName = e.serviceName;
        moved.environment = e.environment;
        moved.hostName = e.hostName;
        moved.cloudAccountId = e.cloudAccountId;
        moved.cloudRegion = e.cloudRegion;
        return moved;
    }

    private static String write(EcsDocumentWriter writer, LogEvent e) {
        JsonOut out = new JsonOut();
        writer.write(e, out);
        return out.text();
    }

    @Test
    void should_write_each_document_as_a_fresh_writer_does_when_origin_values_repeat_and_change() {
        List<LogEvent> events = new ArrayList<>();
        events.add(event(0, "orders", "prod", "h1", "123456789012", "eu-west-1"));
        events.add(event(1, "orders", "prod", "h1", "123456789012", "eu-west-1"));                 // a repeat
        events.add(event(2, new String("orders"), "prod", "h1", new String("123456789012"), "eu-west-1")); // equal copies
        events.add(event(3, "orders", "prod", null, "123456789012", "eu-west-1"));                 // host gone
        events.add(event(4, "orders", "prod", "h2", "123456789012", "eu-west-1"));
        events.add(event(5, "orders", null, "h2", "123456789012", "eu-west-1"));                   // no environment
        events.add(event(6, "billing", "prod", "h2", "123456789012", "eu-west-1"));
        events.add(event(7, "billing", "prod", "h2", "210987654321", "eu-west-1"));
        events.add(event(8, "billing", "prod", "h2", "210987654321", null));
        events.add(event(9, "billing", "prod", "h2", "210987654321", null));
        events.add(event(10, "billing", "prod", "h2", "210987654321", null));
        events.add(withSource(event(11, "billing", "prod", "h2", "210987654321", null),
                SourceContext.cloudWatch("210987654321", "/ecs/billing", "stream-2")));
        events.add(withSource(event(12, "billing", "prod", "h2", "210987654321", null),
                SourceContext.kafka("app-logs", 1, 7L, null, java.util.Map.of())));        // no log group
        LogEvent ecs = withSource(event(13, "billing", "prod", "h2", "210987654321", null),
                SourceContext.kafka("app-logs", 1, 8L, null, java.util.Map.of()));
        ecs.ecsCluster = "prod";
        events.add(ecs);
        LogEvent ecsInGroup = event(14, "billing", "prod", "h2", "210987654321", null);
        ecsInGroup.ecsCluster = "prod";
        events.add(ecsInGroup);
        events.add(event(15, "billing", "prod", "h2", "210987654321", null));
        EcsDocumentWriter reused = new EcsDocumentWriter();

        for (LogEvent e : events) {
            String expected = write(new EcsDocumentWriter(), e);
            assertThat(write(reused, e)).as(e.raw.id()).isEqualTo(expected);
        }
        assertThat(write(reused, events.get(3))).doesNotContain("\"host\"");
        assertThat(write(reused, events.get(11))).contains("\"log_stream\":\"stream-2\"");
        assertThat(write(reused, events.get(13))).contains("\"aws\":{\"ecs\":{\"cluster\":\"prod\"}}");
        assertThat(write(reused, events.get(14))).contains("\"log_stream\":\"stream\"},\"ecs\":{\"cluster\":\"prod\"}}");
        assertThat(write(reused, events.get(7))).contains("\"service\":{\"name\":\"billing\",\"environment\":\"prod\"}")
                .contains("\"account\":{\"id\":\"210987654321\"}");
    }

    @Test
    void should_write_each_document_as_a_fresh_writer_does_when_origins_alternate_among_more_sets_than_it_keeps() {
        String[][] origins = {{"orders", "prod", "h1", "eu-west-1"}, {"orders", "prod", "h1", "us-east-1"},
            {"billing", "prod", "h2", "eu-west-1"}, {"billing", "dev", null, "eu-west-1"}, {"auth", null, "h3", null},
            {"orders", "prod", "h2", "eu-west-1"}};                 // six sets, more than the writer keeps
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        EcsDocumentWriter reused = new EcsDocumentWriter();
        for (int i = 0; i < 2_000; i++) {
            String[] o = origins[random.nextInt(origins.length)];
            boolean copies = random.nextBoolean();                   // equal copies, not the same instances
            LogEvent e = event(i, copies ? new String(o[0]) : o[0], o[1], o[2], "123456789012",
                    copies && o[3] != null ? new String(o[3]) : o[3]);

            assertThat(write(reused, e)).as(String.join(",", java.util.Arrays.asList(o)))
                    .isEqualTo(write(new EcsDocumentWriter(), e));
        }
    }
}
