package io.logpipe.processor.parse.text;

import static io.logpipe.processor.decode.ContinuationLines.DOTNET_INDENT;

import io.logpipe.processor.decode.ContinuationLines;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.parse.LogFormat;
import io.logpipe.processor.parse.LogParser;

/**
 * .NET's default console format (Microsoft.Extensions.Logging's simple formatter), which ASP.NET Core containers
 * write unless configured otherwise:
 * <pre>
 * fail: Orders.Api.OrdersController[0]
 *       Order 42 failed
 *       System.InvalidOperationException: Sequence contains no elements
 *          at Orders.Api.OrdersController.Get(Int32 id) in /src/OrdersController.cs:line 31
 * </pre>
 * The decoder joins the indented lines onto their header. The level abbreviation is the level, the category the
 * logger, the event id an attribute ({@code EventId}, as the JSON formatter names it), and the lines below, with
 * the six-space indent removed, the message (a stack trace in it is then found as any other). A header whose
 * lines were not delivered keeps itself as the message.
 */
public final class DotnetConsoleParser implements LogParser {

    @Override
    public LogFormat format() {
        return LogFormat.DOTNET_CONSOLE;
    }

    @Override
    public boolean mayStartWith(char first) {
        return first >= 'a' && first <= 'z';            // the level: trce, dbug, info, warn, fail, crit
    }

    @Override
    public boolean parse(String s, LogEvent e) {
        if (s.length() < 10 || s.charAt(4) != ':' || s.charAt(5) != ' ') {
            return false;                  // not "info: ": spare the search for the line's end in every message
        }
        int lineEnd = s.indexOf('\n');
        int headerEnd = lineEnd < 0 ? s.length() : lineEnd;
        if (!ContinuationLines.isDotnetConsoleHeader(s, headerEnd)) {
            return false;
        }
        int open = s.lastIndexOf('[', headerEnd - 1);
        e.levelText = level(s);
        e.logger = s.substring(6, open);
        e.attributes().put("EventId", Long.parseLong(s, open + 1, headerEnd - 1, 10));
        e.message = lineEnd < 0 ? s : body(s, lineEnd + 1);
        e.dataset = format().dataset();
        return true;
    }

    /** The level word for the header's abbreviation. */
    private static String level(String s) {
        return switch (s.substring(0, 4)) {
            case "trce" -> "trace";
            case "dbug" -> "debug";
            case "fail" -> "error";
            case "crit" -> "critical";
            default -> s.substring(0, 4);                     // info, warn
        };
    }

    /** The lines from {@code from}, each without the formatter's six-space indent. */
    private static String body(String s, int from) {
        StringBuilder out = new StringBuilder(s.length() - from);
        int i = from;
        while (i <= s.length()) {
            int end = s.indexOf('\n', i);
            end = end < 0 ? s.length() : end;
            int start = s.startsWith(DOTNET_INDENT, i) ? i + DOTNET_INDENT.length() : i;
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(s, start, end);
            i = end + 1;
        }
        return out.toString();
    }
}
