package io.logpipe.processor.parse.lambda;

import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.parse.LogFormat;
import io.logpipe.processor.parse.LogParser;

/**
 * Lambda runtimes' tab-separated application lines:
 * Node.js {@code 2024-03-12T10:15:32.123Z\t<request id>\tINFO\t<message>} and
 * Python {@code [INFO]\t2024-03-12T10:15:32.123Z\t<request id>\t<message>}. The message part is handed back
 * to the caller so it can be parsed again (it is often JSON).
 */
public final class LambdaTextParser implements LogParser {

    @Override
    public LogFormat format() {
        return LogFormat.LAMBDA_TEXT;
    }

    @Override
    public boolean parse(String s, LogEvent e) {
        return body(s, e) != null;
    }

    /** Parses the prefix and returns the message part, or null when the line is not in this format. */
    public String body(String s, LogEvent e) {
        // only the first 41 chars can hold the first tab of a match: most lines have no tab, and searching the
        // whole of each was ~0.3 % of the job
        int t1 = s.indexOf('\t', 0, Math.min(s.length(), 41));
        if (t1 < 3) {
            return null;
        }
        int t2 = s.indexOf('\t', t1 + 1);
        int t3 = t2 < 0 ? -1 : s.indexOf('\t', t2 + 1);
        if (t3 < 0) {
            return null;
        }
        String time, requestId, level;
        if (s.charAt(0) == '[' && s.charAt(t1 - 1) == ']') {          // Python runtime
            level = s.substring(1, t1 - 1);
            time = s.substring(t1 + 1, t2);
            requestId = s.substring(t2 + 1, t3);
        } else if (Character.isDigit(s.charAt(0))) {                   // Node.js runtime
            time = s.substring(0, t1);
            requestId = s.substring(t1 + 1, t2);
            level = s.substring(t2 + 1, t3);
        } else {
            return null;
        }
        if (!looksLikeRequestId(requestId) || level.length() > 8) {
            return null;
        }
        e.timeText = time;
        e.levelText = level;
        e.lambda().requestId = requestId;
        e.dataset = format().dataset();
        String body = s.substring(t3 + 1);
        e.message = body;
        return body;
    }

    /** A UUID (36 chars, hyphens at 8/13/18/23) or "undefined" for lines logged outside an invocation. */
    private static boolean looksLikeRequestId(String id) {
        if (id.equals("undefined")) {
            return true;
        }
        return id.length() == 36 && id.charAt(8) == '-' && id.charAt(13) == '-' && id.charAt(18) == '-'
                && id.charAt(23) == '-';
    }
}
