package io.logpipe.processor.sink.opensearch.index;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.httpclient5.ResponseException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON-in, JSON-out REST calls over the client's generic API, which passes every status back instead of
 * throwing, so each step decides what "already exists" or "not installed" means for it.
 */
final class RestCalls {
    private static final int MAX_ERROR_CHARS = 300;
    private final OpenSearchGenericClient client;

    RestCalls(OpenSearchClient client) {
        this.client = client.generic();
    }

    /** A response: the HTTP status and the parsed body (null when empty or not JSON). */
    record Reply(int status, Object json) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The error type as OpenSearch names it, e.g. {@code resource_already_exists_exception}. */
        String errorType() {
            return JsonTree.text(json, "error", "type");
        }

        /** A short, single-line reason for a report; response bodies here never carry credentials. */
        String error() {
            String reason = JsonTree.text(json, "error", "reason");
            String cause = JsonTree.text(json, "error", "caused_by", "reason");
            String text;
            if (reason != null) {
                text = errorType() + ": " + reason + (cause != null ? " (" + cause + ")" : "");
            } else if (JsonTree.text(json, "error") != null) {
                text = JsonTree.text(json, "error");
            } else if (JsonTree.text(json, "message") != null) {
                text = JsonTree.text(json, "message");
            } else {
                text = "no error details";
            }
            text = "HTTP " + status + " " + text.replace('\n', ' ');
            return text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) + "..." : text;
        }
    }

    Reply get(String path) throws IOException {
        return call("GET", path, Map.of(), null);
    }

    Reply put(String path, Object body) throws IOException {
        return call("PUT", path, Map.of(), body);
    }

    Reply put(String path, Map<String, String> params, Object body) throws IOException {
        return call("PUT", path, params, body);
    }

    Reply post(String path, Object body) throws IOException {
        return call("POST", path, Map.of(), body);
    }

    Reply call(String method, String path, Map<String, String> params, Object body) throws IOException {
        Body requestBody = body == null ? null : Body.from(JsonTree.write(body), "application/json");
        try (Response response = client.execute(Requests.create(method, path, List.of(), params, requestBody))) {
            Optional<Body> responseBody = response.getBody();
            return new Reply(response.getStatus(), responseBody.map(b -> parseOrNull(b.bodyAsBytes())).orElse(null));
        } catch (IOException e) {
            ResponseException response = responseOf(e);
            if (response == null) {
                throw e;                                   // no reply at all: connection, TLS, timeout
            }
            // The HttpClient 5 transport throws for 403 and 5xx even on the generic API; the message ends with the body.
            String message = response.getMessage() == null ? "" : response.getMessage();
            int newline = message.indexOf('\n');
            return new Reply(response.status(), newline < 0 ? null
                    : parseOrNull(message.substring(newline + 1).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static ResponseException responseOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ResponseException r) {
                return r;
            }
        }
        return null;
    }

    private static Object parseOrNull(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return JsonTree.parse(bytes);
        } catch (RuntimeException e) {
            return null;      // e.g. an HTML error page from a proxy: the status says enough
        }
    }
}
