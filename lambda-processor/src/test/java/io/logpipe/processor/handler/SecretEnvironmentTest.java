package io.logpipe.processor.handler;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretEnvironmentTest {
    private final List<String> asked = new ArrayList<>();

    private String secret(String id) {
        asked.add(id);
        return "k3y-from-secrets-manager";
    }

    @Test
    void leaves_the_environment_alone_without_a_secret_arn() {
        Map<String, String> env = Map.of("LOGPIPE_REDACT_MODE", "hash", "LOGPIPE_REDACT_HASH_KEY", "local-key");
        assertThat(SecretEnvironment.resolve(env, this::secret)).isSameAs(env);
        assertThat(asked).isEmpty();
    }

    @Test
    void reads_the_hash_key_from_the_named_secret() {
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:logpipe/redact-AbCdEf";
        Map<String, String> resolved = SecretEnvironment.resolve(
                Map.of("LOGPIPE_REDACT_MODE", "hash", "LOGPIPE_REDACT_HASH_KEY_SECRET_ARN", " " + arn + " "), this::secret);
        assertThat(resolved).containsEntry("LOGPIPE_REDACT_HASH_KEY", "k3y-from-secrets-manager")
                .containsEntry("LOGPIPE_REDACT_MODE", "hash");
        assertThat(asked).containsExactly(arn);
    }

    @Test
    void refuses_both_a_secret_and_a_plain_key() {
        assertThatThrownBy(() -> SecretEnvironment.resolve(Map.of("LOGPIPE_REDACT_HASH_KEY_SECRET_ARN", "arn:x",
                "LOGPIPE_REDACT_HASH_KEY", "plain"), this::secret))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
        assertThat(asked).isEmpty();
    }
}
