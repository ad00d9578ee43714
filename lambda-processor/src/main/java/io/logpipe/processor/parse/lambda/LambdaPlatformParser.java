package io.logpipe.processor.parse.lambda;

import io.logpipe.processor.clean.TimestampParser;
import io.logpipe.processor.json.PlainDecimal;
import io.logpipe.processor.json.RecurringNames;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.parse.LogFormat;
import io.logpipe.processor.parse.LogParser;
import io.logpipe.processor.parse.structured.TraceIds;

import java.util.Locale;

/**
 * Lambda platform lines in the text log format: {@code START}, {@code END}, {@code REPORT} (duration,
 * billed duration, memory, init duration, status, X-Ray trace), {@code INIT_START}, {@code INIT_REPORT},
 * {@code RESTORE_*}, {@code EXTENSION}, {@code TELEMETRY}, and the timeout lines
 * {@code RequestId: ... Error: Task timed out after 3.00 seconds} and
 * {@code 2024-03-12T10:15:35.114Z <request id> Task timed out after 3.00 seconds}. Not thread-safe (it
 * remembers metric names).
 */
public final class LambdaPlatformParser implements LogParser {
    private static final String TIMED_OUT = "Task timed out after ";
    private final RecurringNames names = new RecurringNames();

    @Override
    public LogFormat format() {
        return LogFormat.LAMBDA_PLATFORM;
    }

    @Override
    public boolean mayStartWith(char first) {
        return Character.isDigit(first) || "SERIRT".indexOf(first) >= 0;
    }

    @Override
    public boolean parse(String s, LogEvent e) {
        if (s.isEmpty()) {
            return false;
        }
        if (Character.isDigit(s.charAt(0))) {
            return timedOut(s, e);
        }
        if ("SERIRT".indexOf(s.charAt(0)) < 0) {
            return false;
        }
        String event;
        if (s.startsWith("START RequestId: ")) {
            event = "start";
        } else if (s.startsWith("END RequestId: ")) {
            event = "end";
        } else if (s.startsWith("REPORT RequestId: ")) {
            event = "report";
        } else if (s.startsWith("RequestId: ") && s.contains(" Error: ")) {
            event = "error";
        } else {
            event = otherPlatformEvent(s);
            if (event == null) {
                return false;
            }
        }
        LogEvent.LambdaReport lambda = e.lambda();
        lambda.platformEvent = event;
        lambda.requestId = requestId(s);
        if (event.equals("report") || event.endsWith("_report")) {
            metrics(s, e);
        }
        if (event.equals("error")) {
            lambda.status = s.contains("Task timed out") ? "timeout" : "error";
        }
        e.dataset = format().dataset();
        e.message = s;
        return true;
    }

    /** {@code 2024-03-12T10:15:35.114Z <request id> Task timed out after 3.00 seconds}, as the platform writes it. */
    private boolean timedOut(String s, LogEvent e) {
        int sp = s.indexOf(' ');
        if (sp < 19 || sp > 40) {
            return false;
        }
        int idEnd = sp + 1 + 36;
        if (idEnd >= s.length() || s.charAt(idEnd) != ' ' || !s.startsWith(TIMED_OUT, idEnd + 1)
                || s.charAt(sp + 9) != '-' || s.charAt(sp + 14) != '-' || s.charAt(sp + 19) != '-'
                || s.charAt(sp + 24) != '-' || TimestampParser.parse(s, 0, sp) == TimestampParser.NONE) {
            return false;
        }
        LogEvent.LambdaReport lambda = e.lambda();
        lambda.platformEvent = "error";
        lambda.requestId = s.substring(sp + 1, idEnd);
        lambda.status = "timeout";
        e.timeText = s.substring(0, sp);
        e.dataset = format().dataset();
        e.message = s;
        return true;
    }

    private static String otherPlatformEvent(String s) {
        // the event's name ends at a space (INIT_START Runtime Version: ...) or a tab (EXTENSION\tName: ...)
        int sp = 0;
        while (sp < s.length() && s.charAt(sp) != ' ' && s.charAt(sp) != '\t') {
            sp++;
        }
        String head = s.substring(0, sp);
        return switch (head) {
            case "INIT_START", "INIT_REPORT", "INIT_RUNTIME_DONE", "RESTORE_START", "RESTORE_REPORT", "EXTENSION",
                 "TELEMETRY" -> head.toLowerCase(Locale.ROOT);
            default -> null;
        };
    }

    private static String requestId(String s) {
        int at = s.indexOf("RequestId: ");
        if (at < 0) {
            return null;
        }
        int start = at + "RequestId: ".length();
        int end = start;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
            end++;
        }
        return end > start ? s.substring(start, end) : null;
    }

    /**
     * Tab-separated {@code Name: value unit} pairs of REPORT and INIT_REPORT lines. The names come back as the same
     * instances ({@link RecurringNames}) and numbers are read in place: a substring, a trim and a fresh hash per
     * pair were most of the time REPORT lines took.
     */
    private void metrics(String s, LogEvent e) {
        LogEvent.LambdaReport lambda = e.lambda();
        lambda.status = "success";
        int i = 0;
        int nl = s.indexOf('\n');                        // looked up again only once passed: not per pair
        while (i < s.length()) {
            if (nl >= 0 && nl < i) {
                nl = s.indexOf('\n', i);
            }
            int end = s.indexOf('\t', i);
            end = end < 0 ? nl : nl < 0 ? end : Math.min(end, nl);
            end = end < 0 ? s.length() : end;
            int colon = s.indexOf(": ", i);
            if (colon > i && colon < end) {
                int nameStart = i;
                int nameEnd = colon;
                while (nameStart < nameEnd && s.charAt(nameStart) <= ' ') {
                    nameStart++;
                }
                while (nameEnd > nameStart && s.charAt(nameEnd - 1) <= ' ') {
                    nameEnd--;
                }
                metric(names.of(s, nameStart, nameEnd), s, colon + 2, end, e);
            }
            i = end + 1;
        }
    }

    /** The pair {@code name: s[from, to)} (the value as {@code String.trim} would leave it). */
    private static void metric(String name, String s, int from, int to, LogEvent e) {
        LogEvent.LambdaReport lambda = e.lambda();
        switch (name) {
            case "Duration" -> lambda.durationMs = number(s, from, to);
            case "Billed Duration" -> lambda.billedDurationMs = number(s, from, to);
            case "Memory Size" -> lambda.memorySizeMb = (long) number(s, from, to);
            case "Max Memory Used" -> lambda.maxMemoryUsedMb = (long) number(s, from, to);
            case "Init Duration" -> lambda.initDurationMs = number(s, from, to);
            case "Status" -> lambda.status = s.substring(from, to).trim().toLowerCase(Locale.ROOT);
            case "Error Type" -> e.error().type = s.substring(from, to).trim();
            case "XRAY TraceId" -> e.traceId = TraceIds.normalise(s.substring(from, to).trim());
            default -> { }
        }
    }

    /** Leading decimal of the value in {@code s[from, to)} ({@code "12.34 ms"}); NaN when absent. */
    private static double number(String s, int from, int to) {
        int start = from;
        while (start < to && s.charAt(start) <= ' ') {
            start++;
        }
        int end = start;
        while (end < to && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
            end++;
        }
        double plain = PlainDecimal.parse(s, start, end);
        if (!Double.isNaN(plain)) {
            return plain;
        }
        try {
            return end == start ? Double.NaN : Double.parseDouble(s.substring(start, end));
        } catch (NumberFormatException ex) {
            return Double.NaN;
        }
    }
}
