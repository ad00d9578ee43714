package io.logpipe.processor.decode;

/**
 * Recognises lines that continue a stack trace begun in an earlier log event: Java frames
 * ({@code \tat ...}, {@code ... 12 more}, {@code Caused by:}, {@code Suppressed:}) and Python traceback lines;
 * and the indented message lines of .NET's default console format.
 */
public final class ContinuationLines {
    private ContinuationLines() {
    }

    /** A frame-like line that can never start an event of its own. */
    static boolean isFrame(String s) {
        if (s.startsWith("Caused by: ") || s.startsWith("Suppressed: ")) {
            return true;
        }
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        return s.startsWith("at ", i) || s.startsWith("...", i) || s.startsWith("Caused by: ", i)
                || s.startsWith("Suppressed: ", i) || (i >= 2 && s.startsWith("File \"", i));
    }

    /** The line between the tracebacks of a chained Python exception ({@code raise ... from ...} or raised in except). */
    static boolean isPythonChain(String s) {
        return s.equals("During handling of the above exception, another exception occurred:")
                || s.equals("The above exception was the direct cause of the following exception:");
    }

    /** {@code Traceback (most recent call last):} continues the message line logged just before it. */
    static boolean isTracebackStart(String s) {
        return s.startsWith("Traceback (most recent call last):");
    }

    /** An exception header such as {@code java.lang.IllegalStateException: boom} or {@code ValueError: bad}. */
    static boolean isExceptionHeader(String s) {
        int end = s.indexOf(':');
        if (end < 0) {
            end = s.length();
        }
        if (end == 0 || end > 200) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (!(Character.isJavaIdentifierPart(c) || c == '.')) {
                return false;
            }
        }
        String name = s.substring(0, end);
        return name.endsWith("Exception") || name.endsWith("Error") || name.endsWith("Throwable")
                || name.endsWith("Exit") || name.endsWith("Interrupt");
    }

    /** .NET's console formatter indents an entry's message (and exception) lines by six spaces. */
    public static final String DOTNET_INDENT = "      ";
    /** Its level abbreviations, five chars apart. */
    private static final String DOTNET_LEVELS = "trce dbug info warn fail crit";

    /**
     * Whether {@code s[0, end)} is the first line of a .NET console entry, {@code info: Orders.Api.OrdersController[0]}:
     * a four-letter level, the category (no blanks) and the event id. Its message follows on lines indented by
     * {@link #DOTNET_INDENT}. The parse stage reads the entry by the same test.
     */
    public static boolean isDotnetConsoleHeader(String s, int end) {
        if (end < 10 || end > s.length() || s.charAt(4) != ':' || s.charAt(5) != ' ' || s.charAt(end - 1) != ']'
                || DOTNET_LEVELS.indexOf(s.substring(0, 4)) % 5 != 0) {
            return false;
        }
        int open = s.lastIndexOf('[', end - 1);
        if (open <= 6 || open + 1 == end - 1) {
            return false;
        }
        for (int i = 6; i < open; i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return false;
            }
        }
        for (int i = open + 1; i < end - 1; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
