package io.logpipe.sample.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpipe.sample.LogLevel;
import io.logpipe.sample.OutputFormat;
import io.logpipe.sample.SampleConfig;
import io.logpipe.sample.SampleRun;
import io.logpipe.sample.SteppingClock;
import io.logpipe.sample.format.EventFormatter;
import io.logpipe.sample.generate.EventGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingFileTest {
    private static final SampleConfig.FileRotation ROTATION = SampleConfig.defaults().fileRotation();

    @TempDir
    Path dir;

    @Test
    void should_keep_1mb_files_and_3_backups_each_starting_with_the_csv_header_when_much_more_is_written() throws IOException {
        Path log = dir.resolve("logs/app.log");
        EventFormatter csv = EventFormatter.of(OutputFormat.CSV, "checkout-api");
        StringWriter stdout = new StringWriter();
        long written;
        try (LogOutput output = new LogOutput(LogLevel.DEBUG, csv, stdout,
                new RotatingFile(log, ROTATION.maxFileBytes(), ROTATION.backups(), csv.header()), new RecentLines(50))) {
            EventGenerator generator = new EventGenerator(new Random(2), new SteppingClock(SampleRun.START, Duration.ofMillis(5)));
            while (stdout.getBuffer().length() < 6_000_000) {
                output.emit(generator.next());
            }
            written = output.written();
        }

        assertThat(ROTATION.maxFileBytes()).isEqualTo(1_000_000);
        assertThat(ROTATION.backups()).isEqualTo(3);
        try (var files = Files.list(log.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("app.log", "app.log.1", "app.log.2", "app.log.3");
        }
        for (String name : List.of("app.log", "app.log.1", "app.log.2", "app.log.3")) {
            Path file = log.resolveSibling(name);
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            assertThat(Files.size(file)).as(name).isLessThanOrEqualTo(1_000_000);
            assertThat(lines.getFirst()).as(name).isEqualTo(csv.header());
            assertThat(lines).as(name).filteredOn(csv.header()::equals).hasSize(1);
        }
        assertThat(Files.size(log.resolveSibling("app.log.1"))).isGreaterThan(990_000);
        String newest = Files.readString(log);
        assertThat(stdout.toString()).endsWith(newest.substring(csv.header().length() + 1));
        assertThat(written).isPositive();
    }

    @Test
    void should_never_split_a_multi_line_event_across_files() throws IOException {
        Path log = dir.resolve("app.log");
        try (RotatingFile file = new RotatingFile(log, 2_048, 2, null)) {
            String event = "line\n\tat a.B.c(B.java:1)\n" + "x".repeat(700);
            for (int i = 0; i < 5; i++) {
                file.write(event);
            }
        }

        assertThat(Files.readString(log)).isEqualTo("line\n\tat a.B.c(B.java:1)\n" + "x".repeat(700) + "\n");
        assertThat(Files.readString(log.resolveSibling("app.log.1")))
                .isEqualTo(("line\n\tat a.B.c(B.java:1)\n" + "x".repeat(700) + "\n").repeat(2));
        assertThat(log.resolveSibling("app.log.3")).doesNotExist();
    }

    @Test
    void should_append_without_a_second_header_when_the_file_already_exists() throws IOException {
        Path log = dir.resolve("app.log");
        try (RotatingFile file = new RotatingFile(log, 1_000_000, 3, "h1,h2")) {
            file.write("a,1");
        }
        try (RotatingFile file = new RotatingFile(log, 1_000_000, 3, "h1,h2")) {
            file.write("b,2");
        }

        assertThat(Files.readAllLines(log)).containsExactly("h1,h2", "a,1", "b,2");
    }
}
