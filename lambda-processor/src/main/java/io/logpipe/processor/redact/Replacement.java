package io.logpipe.processor.redact;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Produces the text that stands in for a secret: a fixed mask, or a keyed hash so that equal secrets can be
 * correlated across events without being revealed (a plain hash of a short password could be brute-forced;
 * HMAC with a key held outside the logs cannot).
 *
 * <p>{@link Mac} instances are not thread-safe, so HASH mode keeps one per thread; that costs nothing in Lambda
 * (one thread) and keeps {@link Redactor} safe to share in the CLI or tests.
 */
final class Replacement {

    static final String MASK = "[REDACTED]";
    /** What every replacement starts with, so already redacted values can be recognised. */
    static final String MASK_PREFIX = "[REDACTED";
    private static final String ALGORITHM = "HmacSHA256";
    private static final String HASH_PREFIX = "[REDACTED:hmac-sha256:";
    private static final int HASH_BYTES_SHOWN = 8; // 16 hex characters: 64 bits, ample to correlate
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final ThreadLocal<Mac> mac;

    /** @param hashKey the HMAC key, or {@code null} for MASK mode */
    Replacement(byte[] hashKey) {
        if (hashKey == null) {
            this.mac = null;
        } else {
            SecretKeySpec key = new SecretKeySpec(hashKey, ALGORITHM);
            newMac(key); // fail at start-up, not on the first secret
            this.mac = ThreadLocal.withInitial(() -> newMac(key));
        }
    }

    String of(String secret) {
        if (mac == null) {
            return MASK;
        }
        byte[] digest = mac.get().doFinal(secret.getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder(HASH_PREFIX.length() + 2 * HASH_BYTES_SHOWN + 1).append(HASH_PREFIX);
        for (int i = 0; i < HASH_BYTES_SHOWN; i++) {
            sb.append(HEX[(digest[i] >> 4) & 0xF]).append(HEX[digest[i] & 0xF]);
        }
        return sb.append(']').toString();
    }

    /** Appends the replacement for {@code s[start, end)}; MASK mode never materialises the secret. */
    void append(StringBuilder sb, String s, int start, int end) {
        sb.append(mac == null ? MASK : of(s.substring(start, end)));
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac m = Mac.getInstance(ALGORITHM);
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
