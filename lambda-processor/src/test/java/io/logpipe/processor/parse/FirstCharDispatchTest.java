package io.logpipe.processor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpipe.processor.config.Limits;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.model.RawLogRecord;
import io.logpipe.processor.model.SourceContext;
import io.logpipe.processor.parse.csv.CsvHeaders;
import io.logpipe.processor.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parse stage offers a line only to the formats whose {@link LogParser#mayStartWith} allows its first char.
 * That is exact only if no format ever accepts a line starting with a char it declines: checked here over every
 * text fixture and hand-written lines of each format, each also with its first char replaced by every ASCII char.
 */
class FirstCharDispatchTest {
    private static final List<String> LINES = lines();

    @Test
    void should_never_accept_a_line_whose_first_char_the_format_declines() {
        List<LogParser> parsers = EventParser.textParsers(Limits.defaults(),
                CsvHeaders.of(List.of("timestamp,level,message", "Date,Level,Message,UserId")));
        int accepted = 0;
        for (String line : LINES) {
            for (char c = 0; c < 128; c++) {
                String variant = line.isEmpty() ? String.valueOf(c) : c + line.substring(1);
                for (LogParser parser : parsers) {
                    if (parser.parse(variant, event(variant))) {
                        accepted++;
                        assertThat(parser.mayStartWith(c)).as("%s accepted %s", parser.format(), variant).isTrue();
                    }
                }
            }
        }
        assertThat(accepted).isGreaterThan(LINES.size());      // the lines do exercise every format
    }

    @Test
    void should_accept_each_format_through_the_dispatch_when_its_line_is_untouched() {
        List<LogParser> parsers = EventParser.textParsers(Limits.defaults(),
                CsvHeaders.of(List.of("timestamp,level,message")));
        for (LogParser parser : parsers) {
            boolean any = false;
            for (String line : LINES) {
                if (parser.parse(line, event(line))) {
                    any = true;
                    assertThat(parser.mayStartWith(line.charAt(0))).as("%s: %s", parser.format(), line).isTrue();
                }
            }
            assertThat(any).as("a line in %s", parser.format()).isTrue();
        }
    }

    private static LogEvent event(String line) {
        return new LogEvent(new RawLogRecord("1", 1_710_238_532_000L, line, SourceContext.cloudWatch("1", "/g", "s")));
    }

    private static List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (String fixture : List.of("app/pattern-layouts.txt", "app/python-logging.txt", "app/plain-text.txt",
                "app/logfmt.txt", "app/nestjs.txt", "app/ruby-logger.txt", "app/dotnet-console-split.txt",
                "nginx/access.txt", "nginx/envoy-access.txt", "nginx/apache-error.txt", "nginx/error.txt")) {
            lines.addAll(Fixtures.lines(fixture).stream().filter(l -> !l.isBlank()).toList());
        }
        lines.addAll(List.of(
                "START RequestId: 6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d Version: $LATEST",
                "REPORT RequestId: 6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\tDuration: 12.5 ms\tBilled Duration: 13 ms",
                "EXTENSION\tName: shipper\tState: Ready\tEvents: [INVOKE, SHUTDOWN]",
                "2024-03-12T10:15:35.114Z 0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e Task timed out after 3.00 seconds",
                "ERROR:root:payment failed",
                "info: Orders.Api.Controller[12]",
                "timestamp,level,message",
                "2024-03-12 10:15:32,ERROR,payment failed",
                "time=2024-03-12T10:15:32Z level=info msg=\"ok\" user_id=42",
                "10.0.0.1 - - [12/Mar/2024:10:15:32 +0000] \"GET /x HTTP/1.1\" 200 12 \"-\" \"curl/8\"",
                "example.com:443 10.0.0.1 - - [12/Mar/2024:10:15:32 +0000] \"GET /x HTTP/1.1\" 200 12 \"-\" \"curl/8\""));
        return lines;
    }
}
