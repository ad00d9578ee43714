package io.logpipe.processor.parse.stacktrace;

import io.logpipe.processor.model.LogEvent;

/**
 * Finds a Java or Python stack trace in the message (or in a structured error's stack field) and fills
 * error.type, error.message and error.stack_trace. The event's message keeps the human line that came
 * before the trace, or the exception's own "Type: message" line when nothing came before it. A Go stack in a
 * structured field is kept as the stack trace without a type: Go has no exception class, and its first line is
 * a function.
 */
public final class StackTraceParser {
    private static final String PYTHON_START = "Traceback (most recent call last):";

    private StackTraceParser() {
    }

    public static void extract(LogEvent e) {
        if (e.error != null && e.error.stackTrace != null) {
            fromStackField(e);
            return;
        }
        String m = e.message;
        if (m == null || m.indexOf('\n') < 0) {
            return;
        }
        int python = m.indexOf(PYTHON_START);
        if (python >= 0) {
            python(e, m, python);
        } else {
            int header = javaHeaderLine(m);
            if (header >= 0) {
                java(e, m, header);
            }
        }
    }

    private static void fromStackField(LogEvent e) {
        LogEvent.ErrorInfo error = e.error;
        String trace = error.stackTrace;
        if (isGoStack(trace)) {
            return;                        // zap's "stacktrace": its lines name functions, not an exception type
        }
        int python = trace.indexOf(PYTHON_START);
        String[] typeAndMessage = python >= 0 ? pythonException(trace, python) : javaException(trace, Math.max(0, javaHeaderLine(trace)));
        if (typeAndMessage != null) {
            if (error.type == null) {
                error.type = typeAndMessage[0];
            }
            if (error.message == null) {
                error.message = typeAndMessage[1];
            }
        }
    }

    private static void java(LogEvent e, String m, int header) {
        String[] typeAndMessage = javaException(m, header);
        if (typeAndMessage == null) {
            return;
        }
        LogEvent.ErrorInfo error = e.error();
        error.type = typeAndMessage[0];
        error.message = typeAndMessage[1];
        error.stackTrace = m.substring(header);
        String before = m.substring(0, header).strip();
        e.message = before.isEmpty() ? firstLine(m, header) : before;
    }

    private static void python(LogEvent e, String m, int start) {
        String[] typeAndMessage = pythonException(m, start);
        LogEvent.ErrorInfo error = e.error();
        if (typeAndMessage != null) {
            error.type = typeAndMessage[0];
            error.message = typeAndMessage[1];
        }
        error.stackTrace = m.substring(start);
        String before = m.substring(0, start).strip();
        if (!before.isEmpty()) {
            e.message = before;
        } else if (typeAndMessage != null) {
            e.message = typeAndMessage[0] + (typeAndMessage[1] == null ? "" : ": " + typeAndMessage[1]);
        }
    }

    /** Index of the line just before the first frame ("\tat" / "    at" / .NET's "   at"), when it names an exception. */
    static int javaHeaderLine(String m) {
        int frame = m.indexOf("\n\tat ");
        int spaced = m.indexOf("\n    at ", 0, frame < 0 ? m.length() : frame);   // only an earlier one matters
        if (spaced >= 0) {
            frame = spaced;
        }
        int dotnet = frame < 0 ? m.indexOf("\n   at ") : -1;     // .NET indents its frames by three spaces
        if (dotnet >= 0) {
            frame = dotnet;
        }
        if (frame < 0) {
            return -1;
        }
        int lineStart = m.lastIndexOf('\n', frame - 1) + 1;
        return ExceptionLine.parse(m, lineStart, frame) == null ? -1 : lineStart;
    }

    private static String[] javaException(String m, int lineStart) {
        int end = m.indexOf('\n', lineStart);
        return ExceptionLine.parse(m, lineStart, end < 0 ? m.length() : end);
    }

    /** The last unindented line after the traceback header: "ValueError: bad value". */
    private static String[] pythonException(String m, int start) {
        int end = m.length();
        while (end > start) {
            int lineStart = m.lastIndexOf('\n', end - 1) + 1;
            if (lineStart > start && lineStart < end && !Character.isWhitespace(m.charAt(lineStart))) {
                return ExceptionLine.parse(m, lineStart, end);
            }
            if (lineStart <= start) {
                return null;
            }
            end = lineStart - 1;
        }
        return null;
    }

    /** A Go stack as zap and runtime/debug write it: a function line, then its file indented by a tab. */
    private static boolean isGoStack(String trace) {
        int newline = trace.indexOf('\n');
        return newline > 0 && trace.startsWith("\t/", newline + 1);
    }

    private static String firstLine(String m, int from) {
        int end = m.indexOf('\n', from);
        return m.substring(from, end < 0 ? m.length() : end);
    }
}
