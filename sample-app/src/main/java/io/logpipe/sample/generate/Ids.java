package io.logpipe.sample.generate;

import java.util.random.RandomGenerator;

/** User ids, session tokens and W3C trace ids, drawn from the injected random source (so a seed fixes them). */
final class Ids {
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Ids() {
    }

    static String userId(RandomGenerator random) {
        return "u-" + (1_000 + random.nextInt(9_000));
    }

    /** Looks like a real opaque session secret: a prefix and 32 base62 characters (about 190 bits). */
    static String sessionToken(RandomGenerator random) {
        return "sess_" + chars(random, BASE62, 32);
    }

    /** A W3C trace-context trace id: 32 lower-case hex digits, never all zero. */
    static String traceId(RandomGenerator random) {
        String id = chars(random, HEX, 32);
        return id.chars().allMatch(c -> c == '0') ? traceId(random) : id;
    }

    static String orderId(RandomGenerator random) {
        return "ORD-" + chars(random, BASE62, 10).toUpperCase(java.util.Locale.ROOT);
    }

    private static String chars(RandomGenerator random, char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
