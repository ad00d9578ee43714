package io.logpipe.processor.redact;

/**
 * The built-in redaction rules. Each one can be switched on or off in {@link RedactionConfig}.
 *
 * <p>{@link #EMAIL} is the only rule that is off in {@link RedactionConfig#defaults()}: e-mail addresses are
 * personal data rather than credentials and many teams need them for support, so it is an explicit opt-in.
 */
public enum RedactionRule {
    /** Values of sensitive keys: {@code password=x}, {@code "token":"x"}, and map entries with such keys. */
    SENSITIVE_KEYS,
    /** {@code Bearer <token>} anywhere, and {@code Basic <credentials>} after an Authorization key. */
    BEARER_TOKENS,
    /** JSON Web Tokens: dot-separated base64url segments starting with {@code eyJ}. */
    JWT,
    /** AWS access key ids such as {@code AKIA…} / {@code ASIA…} followed by 16 upper-case letters or digits. */
    AWS_ACCESS_KEY_ID,
    /** Standalone 40-character base64 runs with mixed case and digits, the shape of AWS secret access keys. */
    AWS_SECRET_KEY,
    /** Luhn-valid payment card numbers of 13–19 digits, optionally grouped by spaces or dashes. */
    CARD_NUMBERS,
    /** E-mail addresses; opt-in, off by default. */
    EMAIL
}
