package io.logpipe.processor.sink.archive;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the data-lake archive from {@code LOGPIPE_ARCHIVE}: {@code none} (default), {@code s3} (see
 * {@link S3ArchiveConfig#fromEnv}) or {@code firehose} (see {@link FirehoseArchiveConfig#fromEnv}).
 */
public final class ArchiveSinks {
    private ArchiveSinks() {
    }

    /** The configured archive, or empty for {@code none}; throws on an unknown kind or missing settings. */
    public static Optional<ArchiveSink> fromEnv(Map<String, String> env) {
        String kind = env.getOrDefault("LOGPIPE_ARCHIVE", "none").trim().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "none", "" -> Optional.empty();
            case "s3" -> Optional.of(new S3ArchiveSink(S3ArchiveConfig.fromEnv(env)));
            case "firehose" -> Optional.of(new FirehoseArchiveSink(FirehoseArchiveConfig.fromEnv(env)));
            default -> throw new IllegalArgumentException("LOGPIPE_ARCHIVE must be s3, firehose or none; was '" + kind + "'");
        };
    }
}
