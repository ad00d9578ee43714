package io.logpipe.sample.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpipe.sample.LogLevel;
import io.logpipe.sample.OutputFormat;
import io.logpipe.sample.SampleRun;
import io.logpipe.sample.SteppingClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {
    private static final Pattern TEXT_LINE =
            Pattern.compile("^\\[\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}] (DEBUG|INFO|WARNING|ERROR): \\S.*$");
    private static final Pattern ACCESS_LINE = Pattern.compile("^[\\d.]+ - (-|u-\\d{4}) \\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:"
            + "\\d{2}:\\d{2}:\\d{2} \\+0000] \"(GET|POST) /\\S* HTTP/1\\.1\" \\d{3} \\d+ \"[^\"]*\" \"[^\"]+\" \\d+\\.\\d{3} "
            + "trace_id=[0-9a-f]{32}$");
    private static final Pattern FRAME = Pattern.compile("^(\\tat |\\t\\.\\.\\. \\d+ more|Caused by: |[a-z][\\w.]+(Exception|Error): ).*");

    private static List<SampleEvent> events(long seed, int n) {
        EventGenerator generator = new EventGenerator(new Random(seed), new SteppingClock(SampleRun.START, Duration.ofMillis(50)));
        List<SampleEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(generator.next());
        }
        return out;
    }

    @Test
    void should_produce_the_same_events_when_the_seed_is_the_same() {
        assertThat(events(7, 300)).isEqualTo(events(7, 300));
        assertThat(events(7, 300)).isNotEqualTo(events(8, 300));
    }

    @Test
    void should_walk_users_from_login_through_browsing_to_checkout_when_sessions_run() {
        Map<String, List<String>> actionsByToken = new LinkedHashMap<>();
        for (SampleEvent e : events(11, 2_000)) {
            if (e.kind() == SampleEvent.Kind.APP && e.sessionToken() != null && e.level() != LogLevel.DEBUG) {
                actionsByToken.computeIfAbsent(e.sessionToken(), k -> new ArrayList<>()).add(e.action());
            }
        }

        assertThat(actionsByToken.values()).allSatisfy(actions -> assertThat(actions.getFirst()).isEqualTo("login"));
        assertThat(actionsByToken.values()).anySatisfy(actions -> assertThat(actions)
                .containsSubsequence("login", "browse", "add_to_cart", "checkout").endsWith("checkout"));
    }

    @Test
    void should_mix_success_client_errors_server_errors_stack_traces_and_access_lines_when_many_events_are_generated() {
        List<SampleEvent> events = events(3, 3_000);

        assertThat(events).extracting(e -> e.http() == null ? 0 : e.http().status())
                .contains(200, 201, 400, 401, 404, 409, 500, 502);
        assertThat(events).filteredOn(e -> e.stackTrace() != null).isNotEmpty()
                .allSatisfy(e -> assertThat(e.level()).isEqualTo(LogLevel.ERROR))
                .allSatisfy(e -> assertThat(e.stackTrace()).contains("\n\tat "));
        assertThat(events).filteredOn(e -> e.stackTrace() != null).anySatisfy(e -> assertThat(e.stackTrace()).contains("\nCaused by: "));
        assertThat(events).extracting(SampleEvent::level).contains(LogLevel.values());
        assertThat(events).filteredOn(e -> e.http() != null).allSatisfy(e -> assertThat(e.http().durationMs()).isPositive());
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).kind() == SampleEvent.Kind.ACCESS) {  // right after the app event of the same request
                assertThat(events.get(i - 1).traceId()).isEqualTo(events.get(i).traceId());
                assertThat(events.get(i - 1).http()).isSameAs(events.get(i).http());
            }
        }
        assertThat(events).filteredOn(e -> e.traceId() != null).hasSize(events.size());
        assertThat(events).filteredOn(e -> e.sessionToken() != null)
                .allSatisfy(e -> assertThat(e.sessionToken()).matches("sess_[0-9A-Za-z]{32}"));
    }

    @Test
    void should_write_only_well_formed_lines_in_text_format() {
        SampleRun run = SampleRun.generate(OutputFormat.TEXT, LogLevel.DEBUG, 5, 1_000);

        assertThat(run.lines()).allSatisfy(line -> assertThat(TEXT_LINE.matcher(line).matches()
                || ACCESS_LINE.matcher(line).matches() || FRAME.matcher(line).matches()).as(line).isTrue());
        assertThat(run.lines()).anyMatch(line -> ACCESS_LINE.matcher(line).matches());
    }

    @Test
    void should_write_the_csv_header_once_at_the_start_of_stdout() {
        SampleRun run = SampleRun.generate(OutputFormat.CSV, LogLevel.DEBUG, 5, 500);

        assertThat(run.lines().getFirst()).isEqualTo(run.header());
        assertThat(run.lines()).filteredOn(run.header()::equals).hasSize(1);
        assertThat(run.lines()).filteredOn(l -> l.matches("^\\d{4}-\\d{2}-\\d{2}T.*"))
                .allSatisfy(l -> assertThat(l).matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z,(DEBUG|INFO|WARNING|ERROR),checkout-api,.*"));
    }

    @Test
    void should_write_nothing_below_the_level_when_LOG_LEVEL_filters() {
        SampleRun all = SampleRun.generate(OutputFormat.JSON, LogLevel.DEBUG, 9, 1_000);
        SampleRun warnings = SampleRun.generate(OutputFormat.JSON, LogLevel.WARNING, 9, 1_000);
        SampleRun errors = SampleRun.generate(OutputFormat.TEXT, LogLevel.ERROR, 9, 1_000);

        assertThat(warnings.written()).isNotEmpty().allSatisfy(e -> assertThat(e.level()).isIn(LogLevel.WARNING, LogLevel.ERROR));
        assertThat(warnings.written()).containsExactlyElementsOf(all.written().stream()
                .filter(e -> e.level().isAtLeast(LogLevel.WARNING)).toList());
        assertThat(warnings.lines()).noneMatch(l -> l.contains("\"level\":\"INFO\"") || l.contains("\"level\":\"DEBUG\""));
        assertThat(errors.lines()).filteredOn(l -> l.startsWith("[")).isNotEmpty().allMatch(l -> l.contains("] ERROR: "));
    }
}
