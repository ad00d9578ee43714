package io.logpipe.processor.json;

/**
 * Field names as the same String instance each time the same chars recur, from a small table (one slot per cheap
 * hash of the name's length and three of its chars; a colliding name takes the slot over). Equal content either way.
 *
 * <p>Why: names repeat in every record, and downstream work is keyed on them: the parse stage switches on them
 * (hashing a new String each time), the redactor remembers its sensitive-key verdict per instance. Allocating and
 * hashing each anew was ~1.5 % of the job for JSON records. Not thread-safe.
 */
public final class RecurringNames {
    /** Longer names are not kept: they are rare, and comparing them would cost more than it saves. */
    private static final int MAX_LENGTH = 40;
    private final String[] names = new String[256];

    /** {@code text.substring(start, end)}, or the instance handed out before for the same chars. */
    public String of(String text, int start, int end) {
        int n = end - start;
        if (n == 0 || n > MAX_LENGTH) {
            return text.substring(start, end);
        }
        int slot = (n * 31 + text.charAt(start) * 7 + text.charAt(start + (n >> 1)) * 17 + text.charAt(end - 1))
                & (names.length - 1);
        String known = names[slot];
        if (known != null && known.length() == n && text.regionMatches(start, known, 0, n)) {
            return known;
        }
        String name = text.substring(start, end);
        names[slot] = name;
        return name;
    }
}
