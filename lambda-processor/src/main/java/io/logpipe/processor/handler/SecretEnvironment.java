package io.logpipe.processor.handler;

import io.logpipe.processor.aws.SecretsManagerSecrets;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Secrets come from Secrets Manager, not from the function's configuration: {@code LOGPIPE_REDACT_HASH_KEY_SECRET_ARN}
 * names the secret whose string becomes the redaction HMAC key ({@code LOGPIPE_REDACT_HASH_KEY}), read once at
 * init (before the SnapStart snapshot). Setting both the ARN and the plain key is refused: one source of truth.
 */
final class SecretEnvironment {
    static final String HASH_KEY = "LOGPIPE_REDACT_HASH_KEY";
    static final String HASH_KEY_SECRET = "LOGPIPE_REDACT_HASH_KEY_SECRET_ARN";

    private SecretEnvironment() {
    }

    static Map<String, String> resolve(Map<String, String> env) {
        return resolve(env, secretId -> SecretsManagerSecrets.fromEnv(env).secretString(secretId));
    }

    static Map<String, String> resolve(Map<String, String> env, Function<String, String> secrets) {
        String arn = env.get(HASH_KEY_SECRET);
        if (arn == null || arn.isBlank()) {
            return env;
        }
        if (env.containsKey(HASH_KEY)) {
            throw new IllegalArgumentException("set " + HASH_KEY_SECRET + " or " + HASH_KEY + ", not both");
        }
        Map<String, String> resolved = new HashMap<>(env);
        resolved.put(HASH_KEY, secrets.apply(arn.trim()));
        return resolved;
    }
}
