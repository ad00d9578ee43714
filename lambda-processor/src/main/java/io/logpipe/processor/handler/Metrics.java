package io.logpipe.processor.handler;

import io.logpipe.processor.model.SourceKind;
import io.logpipe.processor.pipeline.InvocationReport;
import io.logpipe.processor.sink.SinkUnavailableException;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Emits CloudWatch Embedded Metric Format lines: one per invocation, with one dimension (Source), so metrics
 * cost no API calls. Metric names are public for the alarms in the CDK stacks.
 */
public final class Metrics {
    public static final String NAMESPACE = "logpipe";
    public static final String EVENTS_IN = "EventsIn";
    public static final String DOCUMENTS = "DocumentsIndexed";
    public static final String DUPLICATES = "DuplicatesSkipped";
    public static final String DEAD_LETTERED = "EventsDeadLettered";
    public static final String PAYLOADS_DEAD_LETTERED = "PayloadsDeadLettered";
    public static final String SINK_FAILURES = "SinkFailures";

    private final PrintStream out;

    Metrics(PrintStream out) {
        this.out = out;
    }

    void report(InvocationReport r) {
        emit(r.source(), new String[] {EVENTS_IN, DOCUMENTS, DUPLICATES, DEAD_LETTERED, PAYLOADS_DEAD_LETTERED},
                new long[] {r.eventsIn(), r.documents(), r.duplicates(), r.eventsDeadLettered(), r.payloadsDeadLettered()});
    }

    void sinkFailure(SourceKind source, SinkUnavailableException e) {
        emit(source, new String[] {SINK_FAILURES}, new long[] {1});
    }

    private void emit(SourceKind source, String[] names, long[] values) {
        StringBuilder line = new StringBuilder(384);
        line.append("{\"_aws\":{\"Timestamp\":").append(System.currentTimeMillis())
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":\"").append(NAMESPACE)
                .append("\",\"Dimensions\":[[\"Source\"]],\"Metrics\":[");
        for (int i = 0; i < names.length; i++) {
            line.append(i == 0 ? "" : ",").append("{\"Name\":\"").append(names[i]).append("\",\"Unit\":\"Count\"}");
        }
        line.append("]}]},\"Source\":\"").append(source.name().toLowerCase(Locale.ROOT)).append('"');
        for (int i = 0; i < names.length; i++) {
            line.append(",\"").append(names[i]).append("\":").append(values[i]);
        }
        out.println(line.append('}'));
    }
}
