package io.logpipe.processor.decode;

import io.logpipe.processor.config.Limits;
import io.logpipe.processor.model.RawLogRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reassembles what the transport split: Docker's 16 KiB {@code partial_message} pieces inside FireLens
 * envelopes, and stack traces and .NET console entries delivered one line per log event. Joined records keep the
 * first event's id and time, so a redelivered batch joins to the same document. Groups stop growing at
 * {@code maxJoinedChars}.
 */
final class RecordJoiner {
    record Result(List<RawLogRecord> records, int joinedAway) {
    }

    private final Limits limits;

    RecordJoiner(Limits limits) {
        this.limits = limits;
    }

    Result join(List<RawLogRecord> records) {
        return join(records, keysOf(records));
    }

    private static int[] keysOf(List<RawLogRecord> records) {
        int[] keys = new int[records.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = EnvelopeKeys.of(records.get(i).message());
        }
        return keys;
    }

    /** {@code keys}: {@link EnvelopeKeys} of each record's message, in order (as {@link EnvelopeKeys#of} finds them). */
    Result join(List<RawLogRecord> records, int[] keys) {
        List<RawLogRecord> whole = joinPartials(records, keys);
        if (whole != records) {                 // rewritten envelopes: their keys moved (rare, so searched anew)
            keys = keysOf(whole);
        }
        List<RawLogRecord> out = joinStackTraces(whole, keys);
        int joinedAway = 0;
        for (RawLogRecord r : out) {
            joinedAway += r.joinedLines() - 1;
        }
        return new Result(out, joinedAway);
    }

    private List<RawLogRecord> joinPartials(List<RawLogRecord> records, int[] keys) {
        List<RawLogRecord> out = null;
        Map<String, PartialGroup> open = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            RawLogRecord r = records.get(i);
            Map<String, Object> envelope = EnvelopeKeys.hasPartialKey(keys[i]) && mayBeObject(r.message())
                    ? FireLensEnvelope.parse(r.message(), limits.maxJsonFields()) : null;
            if (envelope == null || !isTrue(envelope.get("partial_message"))) {
                if (out != null) {
                    out.add(r);
                }
                continue;
            }
            if (out == null) {
                out = new ArrayList<>(records.subList(0, i));
            }
            String id = String.valueOf(envelope.get("partial_id"));
            PartialGroup group = open.computeIfAbsent(id, k -> new PartialGroup(r, envelope));
            if (group.first != r) {
                group.add((String) envelope.get("log"));
            }
            if (isTrue(envelope.get("partial_last")) || group.text.length() >= limits.maxJoinedChars()) {
                out.add(open.remove(id).toRecord());
            }
        }
        if (out == null) {
            return records;
        }
        for (PartialGroup unfinished : open.values()) {      // last piece not in this batch: keep what we have
            out.add(unfinished.toRecord());
        }
        return out;
    }

    private List<RawLogRecord> joinStackTraces(List<RawLogRecord> records, int[] keys) {
        List<RawLogRecord> out = new ArrayList<>(records.size());
        TraceGroup group = null;
        // Each message is tested once here, not up to three times as "current" and "next" (measured: the
        // repeated indexOf over JSON and FireLens lines was ~1 % of the job).
        boolean[] mayContinue = new boolean[records.size() + 1];
        for (int i = 0; i < records.size(); i++) {
            RawLogRecord r = records.get(i);
            mayContinue[i] = r.envelope() != null ? FireLensEnvelope.logMayHoldContinuation(r.envelope().log())
                    : r.record() == null && FireLensEnvelope.mayHoldContinuation(r.message(), EnvelopeKeys.logValueAt(keys[i]));
        }
        for (int i = 0; i < records.size(); i++) {
            RawLogRecord r = records.get(i);
            String continuation = continuationText(r, i + 1 < records.size() ? records.get(i + 1) : null,
                    mayContinue[i], mayContinue[i + 1], group);
            if (continuation != null && group != null
                    && group.length() + continuation.length() < limits.maxJoinedChars()) {
                group.add(continuation, r.joinedLines());
                continue;
            }
            if (group != null) {
                out.add(group.toRecord(limits.maxJsonFields()));
            }
            group = new TraceGroup(r);
        }
        if (group != null) {
            out.add(group.toRecord(limits.maxJsonFields()));
        }
        return out;
    }

    /**
     * The text this record adds to the previous event's stack trace, or null when it starts a new event.
     * {@code mayContinue} / {@code nextMayContinue}: {@link FireLensEnvelope#mayHoldContinuation} of r and next.
     */
    private String continuationText(RawLogRecord r, RawLogRecord next, boolean mayContinue, boolean nextMayContinue,
                                    TraceGroup group) {
        if (r.envelope() != null) {
            // the decoder read this envelope: its log line is at hand, and its message (a JSON object) is no
            // continuation shape itself, so it need not be built
            return mayContinue || (next != null && nextMayContinue) ? continuationLine(r.envelope().log(), next,
                    nextMayContinue, group) : null;
        }
        if (r.record() != null) {
            return null;                                   // a JSON line without a log key: no continuation shape
        }
        String text = r.message();
        if (mayContinue || (next != null && nextMayContinue && text.startsWith("{"))) {
            Map<String, Object> envelope = FireLensEnvelope.parse(text, limits.maxJsonFields());
            if (envelope != null) {
                text = (String) envelope.get("log");
            }
        }
        return continuationLine(text, next, nextMayContinue, group);
    }

    /** {@link #continuationText} of the line itself (a plain message, or an envelope's log). */
    private String continuationLine(String text, RawLogRecord next, boolean nextMayContinue, TraceGroup group) {
        if (ContinuationLines.isFrame(text) || ContinuationLines.isTracebackStart(text)) {
            return text;
        }
        // cheap tests on the line first: inPythonTraceback() searches the head's whole message once
        if (group != null && ContinuationLines.isPythonChain(text) && group.inPythonTraceback()) {
            return text;                                   // a chained exception: its traceback follows
        }
        if (group != null && !text.isEmpty() && Character.isWhitespace(text.charAt(0)) && group.inPythonTraceback()) {
            return text;                                   // the source line under a Python "File" line
        }
        if (group != null && text.startsWith(ContinuationLines.DOTNET_INDENT) && group.isDotnetConsoleEntry(limits)) {
            return text;                                   // a .NET console entry's message or exception line
        }
        if (ContinuationLines.isExceptionHeader(text)) {
            // an envelope's message starts with '{', never a frame: only its log may be one (nextMayContinue)
            boolean framesFollow = next != null
                    && ((next.envelope() == null && next.record() == null && ContinuationLines.isFrame(next.message()))
                    || nextMayContinue);
            boolean endsPythonTraceback = group != null && group.inPythonTraceback();
            return framesFollow || endsPythonTraceback ? text : null;
        }
        return null;
    }

    /**
     * False when the text cannot be a JSON object for Jackson: its first char is neither '{' nor whitespace (nor
     * anything else below 0x21, or a BOM, which are left to Jackson to judge). Spares the search for
     * "partial_message" in every plain-text line (that search was ~1.5 % of the job).
     */
    private static boolean mayBeObject(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '{' || first <= ' ' || first == '\uFEFF';
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    private static final class PartialGroup {
        final RawLogRecord first;
        final Map<String, Object> envelope;
        final StringBuilder text;
        int parts = 1;

        PartialGroup(RawLogRecord first, Map<String, Object> envelope) {
            this.first = first;
            this.envelope = envelope;
            this.text = new StringBuilder((String) envelope.get("log"));
        }

        void add(String log) {
            text.append(log);
            parts++;
        }

        RawLogRecord toRecord() {
            envelope.put("log", text.toString());
            envelope.keySet().removeIf(k -> k.startsWith("partial_"));
            return first.withMessage(FireLensEnvelope.write(envelope), parts - 1);
        }
    }

    private static final class TraceGroup {
        final RawLogRecord head;
        StringBuilder extra;
        int lines;
        private boolean tracebackLineAdded;
        private int headHasTraceback = -1;         // -1 not looked yet, else 0/1
        private int headIsDotnetConsole = -1;      // the same

        TraceGroup(RawLogRecord head) {
            this.head = head;
        }

        /**
         * Whether the group is inside a Python traceback. Asked lazily: searching every head message when the
         * group starts was ~1 % of the job, while the answer is needed only for a few line shapes.
         */
        boolean inPythonTraceback() {
            if (tracebackLineAdded) {
                return true;
            }
            if (headHasTraceback < 0) {
                headHasTraceback = head.message().contains("Traceback (most recent call last):") ? 1 : 0;
            }
            return headHasTraceback == 1;
        }

        /** Whether the head is a .NET console entry's header line (asked only when an indented line follows). */
        boolean isDotnetConsoleEntry(Limits limits) {
            if (headIsDotnetConsole < 0) {
                String text = head.message();
                if (text.startsWith("{")) {
                    Map<String, Object> envelope = FireLensEnvelope.parse(text, limits.maxJsonFields());
                    text = envelope == null ? text : (String) envelope.get("log");
                }
                headIsDotnetConsole = ContinuationLines.isDotnetConsoleHeader(text, text.length()) ? 1 : 0;
            }
            return headIsDotnetConsole == 1;
        }

        int length() {
            return head.messageLength() + (extra == null ? 0 : extra.length());
        }

        /** {@code events}: delivered events behind the line (more than 1 when it was reassembled from partials). */
        void add(String line, int events) {
            if (extra == null) {
                extra = new StringBuilder(256);
            }
            extra.append('\n').append(line);
            lines += events;
            tracebackLineAdded |= ContinuationLines.isTracebackStart(line);
        }

        RawLogRecord toRecord(int maxFields) {
            if (extra == null) {
                return head;
            }
            Map<String, Object> envelope = head.message().startsWith("{") ? FireLensEnvelope.parse(head.message(), maxFields) : null;
            if (envelope != null) {
                envelope.put("log", envelope.get("log") + extra.toString());
                return head.withMessage(FireLensEnvelope.write(envelope), lines);
            }
            return head.withMessage(head.message() + extra, lines);
        }
    }
}
