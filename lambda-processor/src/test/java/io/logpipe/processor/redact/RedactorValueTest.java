package io.logpipe.processor.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Redactor#redactValue}, {@link Redactor#isSensitiveKey} and HASH mode. */
class RedactorValueTest {

    private static final String HASHED = "\\[REDACTED:hmac-sha256:[0-9a-f]{16}]";

    private final Redactor redactor = new Redactor(RedactionConfig.defaults());

    @ParameterizedTest
    @ValueSource(strings = {
        "password", "PASSWORD", "passwd", "pwd", "pass", "secret", "client_secret", "token", "access_token",
        "refresh_token", "id_token", "session_token", "sessionToken", "api_key", "apikey", "x-api-key", "X-Api-Key",
        "authorization", "Proxy-Authorization", "auth_token", "private_key", "aws_secret_access_key", "credentials",
        "cookie", "set-cookie", "db_password", "github_token", "db.password", "userPassword", "user password",
        "api_keys", "cookies"
    })
    void should_treat_key_as_sensitive_when_it_names_a_secret(String key) {
        assertThat(redactor.isSensitiveKey(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "tokens_used", "token_count", "token_type", "max_tokens", "password_length", "bypass", "passenger", "key",
        "secret_name", "user", "keyboard", "author", "", "_", "compass", "tokenizer", "tokens"
    })
    void should_not_treat_key_as_sensitive_when_it_only_mentions_a_secret_word(String key) {
        assertThat(redactor.isSensitiveKey(key)).isFalse();
    }

    @Test
    void should_answer_every_key_as_a_fresh_redactor_does_when_its_verdict_memo_is_warm() {
        String[] words = {"password", "token", "tokens_used", "user", "api_key", "key", "cookie", "bypass", "secret"};
        java.util.List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            keys.add(words[i % words.length] + (i % 7 == 0 ? "" : "_" + i));     // far more keys than memo slots
        }
        java.util.Random random = new java.util.Random(3);
        for (int round = 0; round < 3; round++) {
            java.util.Collections.shuffle(keys, random);
            for (String key : keys) {
                boolean fresh = new Redactor(RedactionConfig.defaults()).isSensitiveKey(new String(key));
                assertThat(redactor.isSensitiveKey(key)).as(key).isEqualTo(fresh);
                assertThat(redactor.isSensitiveKey(new String(key))).as(key).isEqualTo(fresh);  // equal, not same
            }
        }
        assertThat(redactor.isSensitiveKey("password_9")).isFalse();
        assertThat(redactor.isSensitiveKey("db_password")).isTrue();
    }

    @Test
    void should_treat_extra_key_as_sensitive_when_configured() {
        Redactor custom = new Redactor(RedactionConfig.defaults().withExtraSensitiveKeys(Set.of("SSN", "pin_code")));

        assertThat(custom.isSensitiveKey("ssn")).isTrue();
        assertThat(custom.isSensitiveKey("PinCode")).isTrue();
        assertThat(custom.isSensitiveKey("user_ssn")).isFalse();
        assertThat(custom.redactText("ssn=123-45-6789 pin-code: 1234"))
                .isEqualTo("ssn=[REDACTED] pin-code: [REDACTED]");
    }

    @Test
    void should_redact_nested_values_in_place_when_tree_is_mutable() {
        Map<String, Object> db = new LinkedHashMap<>(Map.of("connection_password", "x", "host", "db.internal"));
        List<Object> tags = new ArrayList<>(List.of("a", "token=xyz", 42));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("user", "bob");
        root.put("password", "hunter2");
        root.put("db", db);
        root.put("credentials", new LinkedHashMap<>(Map.of("key", "v")));
        root.put("tags", tags);
        root.put("api_keys", List.of("k1", "k2"));
        root.put("tokens_used", 12);
        root.put("tokens", 512);
        root.put("token", null);

        Object result = redactor.redactValue(null, root);

        assertThat(result).isSameAs(root);
        assertThat(root).containsEntry("user", "bob").containsEntry("password", "[REDACTED]")
                .containsEntry("credentials", "[REDACTED]").containsEntry("tokens_used", 12)
                .containsEntry("token", null).containsEntry("api_keys", "[REDACTED]").containsEntry("tokens", 512);
        assertThat(db).containsEntry("connection_password", "[REDACTED]").containsEntry("host", "db.internal");
        assertThat(tags).containsExactly("a", "token=[REDACTED]", 42);
    }

    @Test
    void should_return_redacted_copy_when_tree_is_immutable() {
        Map<String, Object> root = Map.of("headers", Map.of("Authorization", "Bearer abc"),
                "items", List.of(Map.of("card", "4111 1111 1111 1111"), "ok"));

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) redactor.redactValue(null, root);

        assertThat(result).isNotSameAs(root);
        assertThat(result.get("headers")).isEqualTo(Map.of("Authorization", "[REDACTED]"));
        assertThat(result.get("items")).isEqualTo(List.of(Map.of("card", "[REDACTED]"), "ok"));
        assertThat(root.get("headers")).isEqualTo(Map.of("Authorization", "Bearer abc"));
    }

    @Test
    void should_return_same_tree_when_nothing_is_sensitive() {
        Map<String, Object> root = Map.of("msg", "hello", "count", 3, "ts", 1_710_238_532_000L, "ok", true);

        assertThat(redactor.redactValue(null, root)).isSameAs(root);
    }

    @Test
    void should_replace_whole_value_when_key_is_sensitive_whatever_its_type() {
        assertThat(redactor.redactValue("password", 1234)).isEqualTo("[REDACTED]");
        assertThat(redactor.redactValue("secret", Map.of("a", 1))).isEqualTo("[REDACTED]");
        assertThat(redactor.redactValue("client_secret", List.of(1, 2))).isEqualTo("[REDACTED]");
        assertThat(redactor.redactValue("token", true)).isEqualTo("[REDACTED]");
        assertThat(redactor.redactValue("token", null)).isNull();
    }

    @Test
    void should_redact_card_when_it_is_a_json_number() {
        assertThat(redactor.redactValue("pan", 4_111_111_111_111_111L)).isEqualTo("[REDACTED]");
        assertThat(redactor.redactValue("pan", new BigInteger("4111111111111111"))).isEqualTo("[REDACTED]");
        Long epochMillis = 1_710_238_532_000L;
        assertThat(redactor.redactValue("ts", epochMillis)).isSameAs(epochMillis);
        Long invalid = 4_111_111_111_111_112L;
        assertThat(redactor.redactValue("n", invalid)).isSameAs(invalid);
    }

    @Test
    void should_give_equal_hashes_when_secret_and_key_are_equal() {
        Redactor a = hashing("k1");
        Redactor b = hashing("k1");

        assertThat(a.replacement("hunter2")).matches(HASHED).isEqualTo(b.replacement("hunter2"));
        assertThat(a.redactText("password=hunter2 again pwd=hunter2"))
                .isEqualTo("password=" + a.replacement("hunter2") + " again pwd=" + a.replacement("hunter2"));
        assertThat(a.replacement("hunter2")).isNotEqualTo(a.replacement("hunter3"));
    }

    @Test
    void should_keep_value_when_it_is_already_redacted() {
        Redactor hashing = hashing("k1");
        String once = (String) hashing.redactValue("password", "hunter2");

        assertThat(hashing.redactValue("password", once)).isSameAs(once);
        assertThat(hashing.redactText("password=" + once)).isEqualTo("password=" + once);
    }

    @Test
    void should_give_different_hashes_when_keys_differ() {
        assertThat(hashing("k1").replacement("hunter2")).isNotEqualTo(hashing("k2").replacement("hunter2"));
    }

    @Test
    void should_match_hmac_sha256_reference_when_hashing() {
        // RFC-style reference: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog") = f7bc83f430538424…
        assertThat(hashing("key").replacement("The quick brown fox jumps over the lazy dog"))
                .isEqualTo("[REDACTED:hmac-sha256:f7bc83f430538424]");
    }

    @Test
    void should_hash_whole_value_when_sensitive_key_holds_a_map() {
        Redactor hashing = hashing("k1");

        assertThat(hashing.redactValue("credentials", new LinkedHashMap<>(Map.of("user", "bob")))).asString()
                .matches(HASHED);
    }

    @Test
    void should_mask_when_mode_is_mask() {
        assertThat(redactor.replacement("anything")).isEqualTo("[REDACTED]");
    }

    private static Redactor hashing(String key) {
        return new Redactor(RedactionConfig.defaults().withHashKey(key.getBytes(StandardCharsets.UTF_8)));
    }
}
