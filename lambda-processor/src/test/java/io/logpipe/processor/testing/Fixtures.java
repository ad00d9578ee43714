package io.logpipe.processor.testing;

import io.logpipe.testkit.fixtures.CloudWatchEvents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the hand-written fixtures under {@code src/test/resources/fixtures/<source>/}:
 * {@code .json} files are CloudWatch payloads (as found inside the gzip) or whole MSK Lambda events,
 * {@code .txt} files hold one delivered log event per line (tabs are literal).
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static String text(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a {@code .txt} fixture, one log event each; a trailing newline adds no event. */
    public static List<String> lines(String path) {
        String text = text(path);
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return Arrays.asList(text.split("\n", -1));
    }

    /** A CloudWatch payload fixture wrapped as the subscription's Lambda event (gzip, base64). */
    public static String cloudWatchEvent(String path) {
        return CloudWatchEvents.lambdaEventFromRawPayload(text(path).getBytes(StandardCharsets.UTF_8));
    }
}
