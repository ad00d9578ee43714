package io.logpipe.processor.redact;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from log text and from JSON-like value trees, following a {@link RedactionConfig}.
 *
 * <p>Built once at start-up and immutable afterwards, but for a memo of key verdicts whose slots each hold one
 * immutable pair; safe to share between threads (HASH mode keeps its {@code Mac} per thread). The clean path of {@link #redactText} runs no regex (unless custom rules are
 * configured), allocates one small object and returns the very same instance, so callers can test
 * {@code result == input} to skip work. See {@link TextScanner} for how the rules stay within budget.
 */
public final class Redactor {

    /** Smallest 13-digit number and the bit length of the largest 19-digit one. */
    private static final long MIN_CARD_VALUE = 1_000_000_000_000L;
    private static final int MAX_CARD_BITS = 64;

    private final RedactionConfig config;
    private final SensitiveKeys keys;
    private final TextScanner scanner;
    private final Replacement replacement;
    private final boolean keyRule;
    private final boolean cardRule;
    private final boolean active;
    private final Pattern[] customPatterns;
    private static final int KEY_VERDICTS = 256;
    private final KeyVerdict[] keyVerdicts = new KeyVerdict[KEY_VERDICTS];

    public Redactor(RedactionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.keys = SensitiveKeys.withExtras(config.extraSensitiveKeys());
        this.scanner = new TextScanner(config.rules(), keys);
        this.replacement = new Replacement(config.mode() == RedactionConfig.Mode.HASH ? config.hashKey() : null);
        this.keyRule = config.rules().contains(RedactionRule.SENSITIVE_KEYS);
        this.cardRule = config.rules().contains(RedactionRule.CARD_NUMBERS);
        this.customPatterns = config.customRules().stream().map(RedactionConfig.CustomRule::pattern)
                .toArray(Pattern[]::new);
        this.active = scanner.isActive() || customPatterns.length > 0;
    }

    public RedactionConfig config() {
        return config;
    }

    /**
     * Replaces every secret found in {@code s}: built-in rules first, then the custom rules, all matched against
     * the original text; overlapping matches are merged and replaced once.
     *
     * @return {@code s} itself when nothing matched (or {@code s} is null or empty), otherwise a new string
     */
    public String redactText(String s) {
        if (s == null || s.isEmpty() || !active) {
            return s;
        }
        Spans spans = new Spans();
        scanner.scan(s, spans);
        for (Pattern custom : customPatterns) {
            Matcher m = custom.matcher(s);
            while (m.find()) {
                spans.add(m.start(), m.end());
            }
        }
        return spans.isEmpty() ? s : replaceSpans(s, spans);
    }

    private String replaceSpans(String s, Spans spans) {
        spans.normalize();
        StringBuilder sb = new StringBuilder(s.length() + 16 * spans.size());
        int pos = 0;
        for (int i = 0; i < spans.size(); i++) {
            sb.append(s, pos, spans.start(i));
            replacement.append(sb, s, spans.start(i), spans.end(i));
            pos = spans.end(i);
        }
        return sb.append(s, pos, s.length()).toString();
    }

    /**
     * Whether a field or text key names a secret: compared case-insensitively with {@code _ - .} ignored, it
     * ends with password(s), passwd, passphrase, secret(s), token, apikey(s), secretkey, privatekey,
     * secretaccesskey, authorization, credentials or cookie(s), or it is pwd, pass or one of the configured extra
     * keys. So
     * {@code db_password}, {@code X-Api-Key} and {@code Set-Cookie} are sensitive while {@code tokens_used},
     * {@code token_count} and {@code bypass} are not. Always false when {@link RedactionRule#SENSITIVE_KEYS} is off.
     */
    public boolean isSensitiveKey(String key) {
        if (!keyRule || key == null) {
            return false;
        }
        // Field names recur as the same String instances (the JSON reader and the FireLens reader hand them out
        // again), so the verdict is remembered per instance: walking the key trie for every attribute of every
        // record was ~0.5 % of the job. One slot holds one immutable verdict, so threads sharing this Redactor
        // only ever read a key together with its own answer.
        int slot = key.hashCode() & (KEY_VERDICTS - 1);
        KeyVerdict known = keyVerdicts[slot];
        if (known != null && known.key == key) {
            return known.sensitive;
        }
        boolean sensitive = keys.matches(key);
        keyVerdicts[slot] = new KeyVerdict(key, sensitive);
        return sensitive;
    }

    private record KeyVerdict(String key, boolean sensitive) {
    }

    /**
     * Redacts a JSON-like value (maps, lists, strings, numbers, booleans, null) found under {@code key}. A value
     * under a sensitive key is replaced whole, whatever its type (null stays null: there is nothing to hide).
     * Otherwise maps and lists are walked, strings go through {@link #redactText}, and integral numbers that are
     * card numbers are replaced when {@link RedactionRule#CARD_NUMBERS} is on. Maps and lists are changed in
     * place; an immutable one is copied ({@link LinkedHashMap}/{@link ArrayList}) and the copy returned.
     *
     * @param key the field name, or null for array elements and the root
     * @return {@code value} itself when nothing changed or it was changed in place, otherwise the replacement
     */
    public Object redactValue(String key, Object value) {
        if (value == null) {
            return null;
        }
        if (key != null && isSensitiveKey(key)) {
            if (value instanceof String s && s.startsWith(Replacement.MASK_PREFIX)) {
                return s; // already redacted: keep it (and its hash) as it is
            }
            return replacement(value instanceof String s ? s : String.valueOf(value));
        }
        if (value instanceof String s) {
            return redactText(s);
        }
        if (value instanceof Map<?, ?> map) {
            return redactMap(map);
        }
        if (value instanceof List<?> list) {
            return redactList(list);
        }
        if (cardRule && isCardNumber(value)) {
            return replacement(value.toString());
        }
        return value;
    }

    /**
     * The text that stands in for {@code secret}: {@code [REDACTED]} in MASK mode; in HASH mode
     * {@code [REDACTED:hmac-sha256:<16 hex>]}, the first 64 bits of HMAC-SHA256(hashKey, UTF-8 of secret).
     */
    public String replacement(String secret) {
        return replacement.of(Objects.requireNonNull(secret, "secret"));
    }

    /** A card number parsed as a JSON number; the magnitude test keeps ordinary numbers free of allocation. */
    private static boolean isCardNumber(Object value) {
        if (value instanceof Long l) {
            return l >= MIN_CARD_VALUE && CardNumberScanner.isCardNumber(Long.toString(l));
        }
        return value instanceof BigInteger b && b.signum() > 0 && b.bitLength() <= MAX_CARD_BITS
                && CardNumberScanner.isCardNumber(b.toString());
    }

    @SuppressWarnings("unchecked")
    private Object redactMap(Map<?, ?> map) {
        Map<Object, Object> copy = null;
        for (Map.Entry<Object, Object> e : ((Map<Object, Object>) map).entrySet()) {
            Object old = e.getValue();
            Object updated = redactValue(e.getKey() instanceof String k ? k : String.valueOf(e.getKey()), old);
            if (updated == old) {
                continue;
            }
            if (copy == null) {
                try {
                    e.setValue(updated);
                    continue;
                } catch (UnsupportedOperationException immutable) {
                    copy = new LinkedHashMap<>(map);
                }
            }
            copy.put(e.getKey(), updated);
        }
        return copy != null ? copy : map;
    }

    @SuppressWarnings("unchecked")
    private Object redactList(List<?> list) {
        List<Object> copy = null;
        ListIterator<Object> it = ((List<Object>) list).listIterator();
        while (it.hasNext()) {
            int index = it.nextIndex();
            Object old = it.next();
            Object updated = redactValue(null, old);
            if (updated == old) {
                continue;
            }
            if (copy == null) {
                try {
                    it.set(updated);
                    continue;
                } catch (UnsupportedOperationException immutable) {
                    copy = new ArrayList<>(list);
                }
            }
            copy.set(index, updated);
        }
        return copy != null ? copy : list;
    }
}
