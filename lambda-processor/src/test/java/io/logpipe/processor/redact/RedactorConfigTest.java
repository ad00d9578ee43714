package io.logpipe.processor.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logpipe.processor.redact.RedactionConfig.CustomRule;
import io.logpipe.processor.redact.RedactionConfig.Mode;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link RedactionConfig}: defaults, validation, the rules list syntax, environment variables, custom rules. */
class RedactorConfigTest {

    @Test
    void should_enable_all_rules_but_email_when_defaults_are_used() {
        RedactionConfig config = RedactionConfig.defaults();

        assertThat(config.rules()).containsExactlyInAnyOrderElementsOf(
                EnumSet.complementOf(EnumSet.of(RedactionRule.EMAIL)));
        assertThat(config.mode()).isEqualTo(Mode.MASK);
        assertThat(config.extraSensitiveKeys()).isEmpty();
        assertThat(config.customRules()).isEmpty();
    }

    @Test
    void should_apply_changes_in_order_when_spec_mixes_default_and_modifiers() {
        assertThat(RedactionConfig.parseRules("default,-card_numbers,+email"))
                .containsExactlyInAnyOrder(RedactionRule.SENSITIVE_KEYS, RedactionRule.BEARER_TOKENS, RedactionRule.JWT,
                        RedactionRule.AWS_ACCESS_KEY_ID, RedactionRule.AWS_SECRET_KEY, RedactionRule.EMAIL);
    }

    @Test
    void should_start_from_defaults_when_spec_begins_with_modifier() {
        assertThat(RedactionConfig.parseRules(" -Card-Numbers "))
                .doesNotContain(RedactionRule.CARD_NUMBERS, RedactionRule.EMAIL).contains(RedactionRule.JWT);
        assertThat(RedactionConfig.parseRules("+email")).contains(RedactionRule.EMAIL, RedactionRule.CARD_NUMBERS);
    }

    @Test
    void should_start_from_nothing_when_spec_lists_plain_names() {
        assertThat(RedactionConfig.parseRules("jwt, EMAIL"))
                .containsExactlyInAnyOrder(RedactionRule.JWT, RedactionRule.EMAIL);
        assertThat(RedactionConfig.parseRules("none")).isEmpty();
        assertThat(RedactionConfig.parseRules("all")).containsExactlyInAnyOrder(RedactionRule.values());
        assertThat(RedactionConfig.parseRules("  ")).isEqualTo(RedactionConfig.DEFAULT_RULES);
        assertThat(RedactionConfig.parseRules(null)).isEqualTo(RedactionConfig.DEFAULT_RULES);
    }

    @Test
    void should_reject_spec_when_rule_name_is_unknown() {
        assertThatThrownBy(() -> RedactionConfig.parseRules("default,+phone_numbers"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phone_numbers");
    }

    @Test
    void should_reject_config_when_hash_mode_has_no_key() {
        assertThatThrownBy(() -> new RedactionConfig(Set.of(), Set.of(), List.of(), Mode.HASH, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedactionConfig(Set.of(), Set.of(), List.of(), Mode.HASH, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_reject_config_when_extra_key_is_only_separators() {
        assertThatThrownBy(() -> RedactionConfig.defaults().withExtraSensitiveKeys(Set.of("_-")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_copy_collections_and_key_when_config_is_built() {
        byte[] key = "k1".getBytes(StandardCharsets.UTF_8);
        RedactionConfig config = RedactionConfig.defaults().withHashKey(key);
        key[0] = 'x';

        assertThat(config.hashKey()).isEqualTo("k1".getBytes(StandardCharsets.UTF_8));
        config.hashKey()[0] = 'y';
        assertThat(config.hashKey()).isEqualTo("k1".getBytes(StandardCharsets.UTF_8));
        assertThat(config.toString()).doesNotContain("k1");
        assertThatThrownBy(() -> config.rules().add(RedactionRule.EMAIL))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void should_read_every_variable_when_environment_sets_them() {
        RedactionConfig config = RedactionConfig.fromEnv(Map.of(
                "LOGPIPE_REDACT_RULES", "-aws_secret_key,+email",
                "LOGPIPE_REDACT_EXTRA_KEYS", "ssn, pin",
                "LOGPIPE_REDACT_CUSTOM_RULES", "employee=EMP-\\d{6};; ticket = TCK-[0-9]+",
                "LOGPIPE_REDACT_MODE", "hash",
                "LOGPIPE_REDACT_HASH_KEY", "s3cr3t"));

        assertThat(config.rules()).contains(RedactionRule.EMAIL).doesNotContain(RedactionRule.AWS_SECRET_KEY);
        assertThat(config.extraSensitiveKeys()).containsExactlyInAnyOrder("ssn", "pin");
        assertThat(config.customRules()).extracting(CustomRule::name).containsExactly("employee", "ticket");
        assertThat(config.mode()).isEqualTo(Mode.HASH);
        assertThat(config.hashKey()).isEqualTo("s3cr3t".getBytes(StandardCharsets.UTF_8));
        assertThat(RedactionConfig.fromEnv(Map.of())).isEqualTo(RedactionConfig.defaults());
        assertThat(RedactionConfig.fromEnv(Map.of("LOGPIPE_REDACT_CUSTOM_RULES", "t=TCK-[0-9]+")))
                .isEqualTo(RedactionConfig.defaults().withCustomRules(List.of(CustomRule.of("t", "TCK-[0-9]+"))));
    }

    @Test
    void should_name_variable_when_environment_value_is_malformed() {
        assertThatThrownBy(() -> RedactionConfig.fromEnv(Map.of("LOGPIPE_REDACT_MODE", "scramble")))
                .hasMessageContaining("LOGPIPE_REDACT_MODE");
        assertThatThrownBy(() -> RedactionConfig.fromEnv(Map.of("LOGPIPE_REDACT_CUSTOM_RULES", "bad=(")))
                .hasMessageContaining("LOGPIPE_REDACT_CUSTOM_RULES");
        assertThatThrownBy(() -> RedactionConfig.fromEnv(Map.of("LOGPIPE_REDACT_MODE", "hash")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_replace_whole_match_when_custom_rule_matches() {
        Redactor redactor = new Redactor(RedactionConfig.defaults()
                .withCustomRules(List.of(CustomRule.of("employee", "EMP-\\d{6}"))));

        assertThat(redactor.redactText("approved by EMP-123456 with password=x"))
                .isEqualTo("approved by [REDACTED] with password=[REDACTED]");
        String clean = "approved by EMP-12";
        assertThat(redactor.redactText(clean)).isSameAs(clean);
    }

    @Test
    void should_run_custom_rules_when_no_built_in_rule_is_on() {
        Redactor redactor = new Redactor(RedactionConfig.fromSpec("none")
                .withCustomRules(List.of(CustomRule.of("ticket", "TCK-[0-9]+"))));

        assertThat(redactor.redactText("TCK-42 password=x")).isEqualTo("[REDACTED] password=x");
    }

    @Test
    void should_leave_everything_when_no_rule_is_on() {
        Redactor redactor = new Redactor(RedactionConfig.fromSpec("none"));
        String line = "password=x AKIAIOSFODNN7EXAMPLE 4111111111111111";

        assertThat(redactor.redactText(line)).isSameAs(line);
        assertThat(redactor.isSensitiveKey("password")).isFalse();
        assertThat(redactor.redactValue("password", "x")).isEqualTo("x");
    }
}
