package io.logpipe.processor.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives service (and optionally environment) from a log group name, e.g. {@code ^/ecs/(?<service>[^/]+)$}.
 * The pattern must have a named group {@code service}; {@code env} is optional.
 */
public record LogGroupRule(Pattern pattern) {

    public LogGroupRule {
        if (!pattern.pattern().contains("(?<service>")) {
            throw new IllegalArgumentException("log group pattern needs a (?<service>...) group: " + pattern);
        }
    }

    public static LogGroupRule of(String regex) {
        return new LogGroupRule(Pattern.compile(regex));
    }

    /** Returns {service, env-or-null}, or null when the log group does not match. */
    public String[] match(String logGroup) {
        Matcher m = pattern.matcher(logGroup);
        if (!m.matches()) {
            return null;
        }
        String env = pattern.pattern().contains("(?<env>") ? m.group("env") : null;
        return new String[] {m.group("service"), env};
    }
}
