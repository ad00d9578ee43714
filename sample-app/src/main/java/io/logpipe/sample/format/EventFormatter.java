package io.logpipe.sample.format;

import io.logpipe.sample.OutputFormat;
import io.logpipe.sample.generate.SampleEvent;

/**
 * Turns an event into what the service writes: one line, or for a failure in text and CSV the line followed by
 * its stack trace as continuation lines. Access-log lines are written in the combined format whatever
 * {@code LOG_FORMAT} says, as a web server in front of the app would.
 */
public interface EventFormatter {

    /** The line written once before the events (and at the top of each rotated file), or null. */
    String header();

    /** The event's text without a trailing newline; it may span several lines. */
    String format(SampleEvent event);

    static EventFormatter of(OutputFormat format, String serviceName) {
        EventFormatter app = switch (format) {
            case JSON -> new JsonFormatter(serviceName);
            case CSV -> new CsvFormatter(serviceName);
            case TEXT -> new TextFormatter();
        };
        return new WithAccessLines(app);
    }

    /** Sends access events to {@link AccessLineFormatter} and the rest to the format's own formatter. */
    record WithAccessLines(EventFormatter app) implements EventFormatter {
        @Override
        public String header() {
            return app.header();
        }

        @Override
        public String format(SampleEvent event) {
            return event.kind() == SampleEvent.Kind.ACCESS ? AccessLineFormatter.format(event) : app.format(event);
        }
    }
}
