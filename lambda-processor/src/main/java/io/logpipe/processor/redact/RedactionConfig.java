package io.logpipe.processor.redact;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What to redact and how.
 *
 * @param rules              the built-in rules that are on
 * @param extraSensitiveKeys keys treated as sensitive in addition to the built-in ones; compared like them
 *                           (case-insensitive, {@code _ - .} ignored) but as whole keys, not as endings
 * @param customRules        extra patterns whose whole match is replaced, applied after the built-in rules
 * @param mode               plain mask or keyed hash
 * @param hashKey            the HMAC key for {@link Mode#HASH}; required and non-empty there, ignored otherwise.
 *                           Copied on the way in and out
 */
public record RedactionConfig(
        Set<RedactionRule> rules,
        Set<String> extraSensitiveKeys,
        List<CustomRule> customRules,
        Mode mode,
        byte[] hashKey) {

    /** How a secret is replaced. */
    public enum Mode {
        /** {@code [REDACTED]}. */
        MASK,
        /** {@code [REDACTED:hmac-sha256:<16 hex>]}: equal secrets give equal text, so they can be correlated. */
        HASH
    }

    /**
     * A user-supplied pattern; every match is replaced whole. Runs only when configured, and being a regex it
     * costs far more than the built-in scanners, so keep the list short.
     */
    public record CustomRule(String name, Pattern pattern) {
        public CustomRule {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("custom redaction rule needs a name");
            }
            Objects.requireNonNull(pattern, "pattern");
        }

        public static CustomRule of(String name, String regex) {
            return new CustomRule(name, Pattern.compile(regex));
        }

        /** {@link Pattern} has identity equality; two rules are equal when their regex and flags are. */
        @Override
        public boolean equals(Object o) {
            return o instanceof CustomRule r && name.equals(r.name) && pattern.pattern().equals(r.pattern.pattern())
                    && pattern.flags() == r.pattern.flags();
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, pattern.pattern(), pattern.flags());
        }
    }

    /** Every built-in rule except the opt-in {@link RedactionRule#EMAIL}. */
    public static final Set<RedactionRule> DEFAULT_RULES =
            Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(RedactionRule.EMAIL)));

    public RedactionConfig {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(mode, "mode");
        rules = Collections.unmodifiableSet(rules.isEmpty()
                ? EnumSet.noneOf(RedactionRule.class) : EnumSet.copyOf(rules));
        extraSensitiveKeys = Set.copyOf(extraSensitiveKeys);
        for (String key : extraSensitiveKeys) {
            if (SensitiveKeys.normalize(key).isEmpty()) {
                throw new IllegalArgumentException("extra sensitive key '" + key + "' has no letters or digits");
            }
        }
        customRules = List.copyOf(customRules);
        if (mode == Mode.HASH && (hashKey == null || hashKey.length == 0)) {
            throw new IllegalArgumentException("HASH redaction mode needs a non-empty hash key");
        }
        hashKey = hashKey == null ? null : hashKey.clone();
    }

    /** All built-in rules but EMAIL, MASK mode, no extra keys, no custom rules. */
    public static RedactionConfig defaults() {
        return new RedactionConfig(DEFAULT_RULES, Set.of(), List.of(), Mode.MASK, null);
    }

    /** {@link #defaults()} with the rules of {@link #parseRules(String) rulesSpec}. */
    public static RedactionConfig fromSpec(String rulesSpec) {
        return defaults().withRules(parseRules(rulesSpec));
    }

    /**
     * Parses a comma-separated rules list, read left to right, case-insensitive, {@code -} or {@code _} inside
     * names alike:
     * <ul>
     *   <li>{@code default} sets the default rules, {@code all} every rule, {@code none} no rule;</li>
     *   <li>{@code +name} or {@code name} adds a rule, {@code -name} removes one.</li>
     * </ul>
     * A list that starts with {@code +} or {@code -} starts from the defaults, otherwise from no rule; a blank list
     * means the defaults. Examples: {@code default,-card_numbers,+email}; {@code -card-numbers}; {@code jwt,email}.
     *
     * @throws IllegalArgumentException on an unknown name
     */
    public static Set<RedactionRule> parseRules(String spec) {
        if (spec == null || spec.isBlank()) {
            return DEFAULT_RULES;
        }
        List<String> tokens = Arrays.stream(spec.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        boolean relative = !tokens.isEmpty()
                && (tokens.getFirst().startsWith("+") || tokens.getFirst().startsWith("-"));
        EnumSet<RedactionRule> result = relative ? EnumSet.copyOf(DEFAULT_RULES) : EnumSet.noneOf(RedactionRule.class);
        for (String token : tokens) {
            switch (token.toLowerCase(Locale.ROOT)) {
                case "default" -> {
                    result.clear();
                    result.addAll(DEFAULT_RULES);
                }
                case "all" -> result.addAll(EnumSet.allOf(RedactionRule.class));
                case "none" -> result.clear();
                default -> {
                    if (token.startsWith("-")) {
                        result.remove(rule(token.substring(1)));
                    } else {
                        result.add(rule(token.startsWith("+") ? token.substring(1) : token));
                    }
                }
            }
        }
        return Collections.unmodifiableSet(result);
    }

    /**
     * Reads the {@code LOGPIPE_REDACT_*} variables; each missing one keeps its default.
     * <ul>
     *   <li>{@code LOGPIPE_REDACT_RULES}: a rules list, see {@link #parseRules(String)};</li>
     *   <li>{@code LOGPIPE_REDACT_EXTRA_KEYS}: comma-separated extra sensitive keys;</li>
     *   <li>{@code LOGPIPE_REDACT_CUSTOM_RULES}: {@code name=regex} entries separated by {@code ;;};</li>
     *   <li>{@code LOGPIPE_REDACT_MODE}: {@code mask} (default) or {@code hash};</li>
     *   <li>{@code LOGPIPE_REDACT_HASH_KEY}: the HMAC key (its UTF-8 bytes), required for {@code hash}; in AWS the
     *       handler fills it from Secrets Manager ({@code LOGPIPE_REDACT_HASH_KEY_SECRET_ARN}).</li>
     * </ul>
     *
     * @throws IllegalArgumentException naming the variable when a value is malformed
     */
    public static RedactionConfig fromEnv(Map<String, String> env) {
        Set<RedactionRule> rules = parseRules(env.get("LOGPIPE_REDACT_RULES"));
        Set<String> extra = Set.copyOf(split(env.get("LOGPIPE_REDACT_EXTRA_KEYS"), ","));
        List<CustomRule> custom = new ArrayList<>();
        for (String entry : split(env.get("LOGPIPE_REDACT_CUSTOM_RULES"), ";;")) {
            custom.add(customRule(entry));
        }
        String modeName = env.getOrDefault("LOGPIPE_REDACT_MODE", "mask").trim().toUpperCase(Locale.ROOT);
        Mode mode;
        try {
            mode = Mode.valueOf(modeName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LOGPIPE_REDACT_MODE must be mask or hash, was '" + modeName + "'", e);
        }
        String key = env.get("LOGPIPE_REDACT_HASH_KEY");
        return new RedactionConfig(rules, extra, custom, mode,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8));
    }

    public RedactionConfig withRules(Set<RedactionRule> newRules) {
        return new RedactionConfig(newRules, extraSensitiveKeys, customRules, mode, hashKey);
    }

    public RedactionConfig withExtraSensitiveKeys(Set<String> keys) {
        return new RedactionConfig(rules, keys, customRules, mode, hashKey);
    }

    public RedactionConfig withCustomRules(List<CustomRule> newCustomRules) {
        return new RedactionConfig(rules, extraSensitiveKeys, newCustomRules, mode, hashKey);
    }

    /** This configuration in HASH mode with {@code key}. */
    public RedactionConfig withHashKey(byte[] key) {
        return new RedactionConfig(rules, extraSensitiveKeys, customRules, Mode.HASH, key);
    }

    /** A copy: the key must not be changed behind the redactor's back. */
    @Override
    public byte[] hashKey() {
        return hashKey == null ? null : hashKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedactionConfig c && rules.equals(c.rules)
                && extraSensitiveKeys.equals(c.extraSensitiveKeys) && customRules.equals(c.customRules)
                && mode == c.mode && Arrays.equals(hashKey, c.hashKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rules, extraSensitiveKeys, customRules, mode, Arrays.hashCode(hashKey));
    }

    /** Never prints the hash key. */
    @Override
    public String toString() {
        return "RedactionConfig[rules=" + rules + ", extraSensitiveKeys=" + extraSensitiveKeys
                + ", customRules=" + customRules.stream().map(CustomRule::name).toList() + ", mode=" + mode + "]";
    }

    private static RedactionRule rule(String name) {
        String normalized = name.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        try {
            return RedactionRule.valueOf(normalized);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown redaction rule '" + name + "'; known: "
                    + Arrays.toString(RedactionRule.values()).toLowerCase(Locale.ROOT), e);
        }
    }

    private static CustomRule customRule(String entry) {
        int eq = entry.indexOf('=');
        if (eq <= 0 || eq == entry.length() - 1) {
            throw new IllegalArgumentException(
                    "LOGPIPE_REDACT_CUSTOM_RULES entries are name=regex, was '" + entry + "'");
        }
        try {
            return CustomRule.of(entry.substring(0, eq).trim(), entry.substring(eq + 1));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("LOGPIPE_REDACT_CUSTOM_RULES has a bad pattern in '" + entry + "'", e);
        }
    }

    private static List<String> split(String value, String separator) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(Pattern.quote(separator)))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
