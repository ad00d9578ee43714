package io.logpipe.processor.sink.archive;

/**
 * One Hive-style partition of the lake: {@code service=<service>/dt=YYYY-MM-DD/hour=HH/}.
 *
 * <p>{@code dt} and {@code hour} are the first characters of the document's own {@code @timestamp} (always UTC,
 * {@code 2024-03-12T10:15:32.481Z}), so the partition can never disagree with the row, and Firehose's dynamic
 * partitioning derives the same values from the same field (see {@link FirehoseArchiveSink}).
 *
 * <p>{@code service} is {@code service.name} made safe for an S3 key and a Glue partition value: every code
 * point outside {@code [A-Za-z0-9._-]} becomes {@code _} (so no {@code /} or {@code =} can break the layout, and
 * no percent-encoding is needed), ASCII letters are lowercased (so {@code Orders} and {@code orders} share a
 * partition, as Glue lowercases names anyway), and the result is cut to {@value #MAX_SERVICE_CHARS} characters;
 * a missing or empty name is {@code unknown}. These rules are chosen so one JQ expression reproduces them.
 */
public record ArchivePartition(String service, String date, String hour) {
    public static final int MAX_SERVICE_CHARS = 100;
    static final String UNKNOWN_SERVICE = "unknown";

    public ArchivePartition {
        if (!isSafe(service)) {
            throw new IllegalArgumentException("service is not key-safe: " + service);
        }
        if (!isDigits(date, "dddd-dd-dd") || !isDigits(hour, "dd")) {
            throw new IllegalArgumentException("not a UTC date and hour: " + date + " " + hour);
        }
    }

    /**
     * @param serviceName the document's {@code service.name}, possibly null
     * @param timestamp   the document's {@code @timestamp}, {@code yyyy-MM-ddTHH:mm:ss.SSSZ}
     */
    public static ArchivePartition of(String serviceName, String timestamp) {
        return new ArchivePartition(sanitizeService(serviceName), timestamp.substring(0, 10), timestamp.substring(11, 13));
    }

    /** {@code service=orders/dt=2024-03-12/hour=10/} */
    public String path() {
        return "service=" + service + "/dt=" + date + "/hour=" + hour + "/";
    }

    static String sanitizeService(String name) {
        if (name == null || name.isEmpty()) {
            return UNKNOWN_SERVICE;
        }
        StringBuilder out = new StringBuilder(Math.min(name.length(), MAX_SERVICE_CHARS));
        for (int i = 0; i < name.length() && out.length() < MAX_SERVICE_CHARS; ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 'A' && cp <= 'Z') {
                out.append((char) (cp + ('a' - 'A')));
            } else if (cp < 128 && isSafeChar((char) cp)) {
                out.append((char) cp);
            } else {
                out.append('_');    // one per code point, as JQ's gsub counts them
            }
        }
        return out.toString();
    }

    private static boolean isSafe(String service) {
        if (service == null || service.isEmpty() || service.length() > MAX_SERVICE_CHARS) {
            return false;
        }
        for (int i = 0; i < service.length(); i++) {
            char c = service.charAt(i);
            if (!isSafeChar(c) || (c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    /** {@code value} has the shape of {@code pattern}, where {@code d} is any ASCII digit (no regex: per document). */
    private static boolean isDigits(String value, String pattern) {
        if (value == null || value.length() != pattern.length()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (pattern.charAt(i) == 'd' ? c < '0' || c > '9' : c != pattern.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSafeChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == '-';
    }
}
