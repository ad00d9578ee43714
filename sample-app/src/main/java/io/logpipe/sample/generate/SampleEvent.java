package io.logpipe.sample.generate;

import io.logpipe.sample.LogLevel;

import java.time.Instant;

/**
 * One event the service logs: an application event, or an access-log line of an HTTP request.
 * Fields that do not apply are null ({@code http} for a background job, {@code userId} before anyone logged in).
 *
 * @param action      what happened ({@code login}, {@code browse}, {@code checkout}, ...), the JSON/CSV {@code event}
 * @param stackTrace  a Java stack trace for failures, or null
 */
public record SampleEvent(
        Kind kind,
        Instant time,
        LogLevel level,
        String logger,
        String action,
        String message,
        Identity identity,
        Http http,
        String stackTrace) {

    public enum Kind { APP, ACCESS }

    /** Who and which request: all three nullable (background jobs have no user or session). */
    public record Identity(String userId, String sessionToken, String traceId) {
        public static final Identity NONE = new Identity(null, null, null);
    }

    /** The HTTP request an event belongs to; {@code bytes}, {@code clientIp} and the agent serve the access line. */
    public record Http(String method, String path, int status, long durationMs, long bytes, String clientIp,
                       String userAgent, String referrer) {
    }

    public String userId() {
        return identity.userId();
    }

    public String sessionToken() {
        return identity.sessionToken();
    }

    public String traceId() {
        return identity.traceId();
    }
}
