package io.logpipe.testkit.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * A response to write to the client: from upstream, or made up by a fault.
 *
 * @param status  HTTP status code
 * @param headers end-to-end header fields (framing fields are added when written)
 * @param body    the body bytes (never null)
 */
record ProxyResponse(int status, Headers headers, byte[] body) {

    static final String JSON_TYPE = "application/json; charset=UTF-8";
    static final String INJECTED_REASON = "injected by FaultProxy";
    private static final ObjectMapper JSON = new ObjectMapper();

    static ProxyResponse json(int status, byte[] json) {
        return new ProxyResponse(status, Headers.of("Content-Type", JSON_TYPE), json);
    }

    /** An OpenSearch-shaped error: {@code {"error":{"root_cause":[..],"type":..,"reason":..},"status":..}}. */
    static ProxyResponse error(int status, String type, String reason) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.putArray("root_cause").addObject().put("type", type).put("reason", reason);
        error.put("type", type).put("reason", reason);
        root.put("status", status);
        return json(status, root.toString().getBytes(StandardCharsets.UTF_8));
    }

    ProxyResponse withHeader(String name, String value) {
        return new ProxyResponse(status, headers.with(name, value), body);
    }
}
