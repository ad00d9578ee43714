package io.logpipe.testkit.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A bulk request split by a {@link Fault.Kind#PARTIAL_BULK_FAILURE}: the selected items are answered by the proxy,
 * the rest are forwarded, and the two answers are merged back into one OpenSearch bulk response in request order.
 *
 * <p>{@code filter_path}: the forwarded request goes without it (with it, OpenSearch may drop whole items, e.g.
 * for {@code items.*.error}, and positions could not be matched), and the client's filter is applied to the merged
 * response with {@link FilterPath}. {@code Accept-Encoding} is dropped too, so upstream answers plain JSON.
 */
final class BulkSplit {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Fault fault;
    private final ProxyRequest request;
    private final BulkBody body;
    private final int failed;

    BulkSplit(Fault fault, ProxyRequest request, BulkBody body) {
        this.fault = fault;
        this.request = request;
        this.body = body;
        int n = 0;
        for (int i = 0; i < body.size(); i++) {
            n += fault.failsItem(i) ? 1 : 0;
        }
        this.failed = n;
    }

    int failedItems() {
        return failed;
    }

    int forwardedItems() {
        return body.size() - failed;
    }

    /** The request with only the items that do not fail, or empty when every item fails. */
    Optional<ProxyRequest> forwardRequest() {
        if (forwardedItems() == 0) {
            return Optional.empty();
        }
        byte[] plain = body.toNdjson(i -> !fault.failsItem(i));
        boolean gzip = Gzip.isEncoded(request.headers());
        Headers headers = request.headers().withoutNamed("accept-encoding");
        ProxyRequest r = request.withoutQueryParam("filter_path");
        // same encoding as the client used, so the node sees the same kind of request
        return Optional.of(r.withBody(headers, gzip ? Gzip.gzip(plain) : plain));
    }

    /**
     * The client's answer. A non-200 upstream answer (the whole request failed) is passed on as it is.
     *
     * @param upstream upstream's answer to {@link #forwardRequest()}, or null when nothing was forwarded
     */
    ProxyResponse respond(ProxyResponse upstream, int maxBodyBytes) {
        if (upstream != null && upstream.status() != 200) {
            return upstream;
        }
        ObjectNode merged;
        try {
            merged = upstream == null ? emptyResponse() : parse(upstream, maxBodyBytes);
        } catch (IOException e) {
            return badGateway("cannot read upstream bulk response: " + e.getMessage());
        }
        JsonNode forwardedItems = merged.path("items");
        if (upstream != null && forwardedItems.size() != forwardedItems()) {
            return badGateway("upstream answered " + forwardedItems.size() + " bulk items for " + forwardedItems()
                    + " forwarded");
        }
        merged.put("errors", true);
        merged.set("items", mergeItems(forwardedItems.iterator()));
        JsonNode out = request.queryParam("filter_path").map(f -> FilterPath.parse(f).apply(merged)).orElse(merged);
        Headers headers = upstream == null ? Headers.EMPTY : upstream.headers().withoutNamed("content-encoding");
        return new ProxyResponse(200, headers.with("Content-Type", ProxyResponse.JSON_TYPE),
                out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static ProxyResponse badGateway(String reason) {
        return ProxyResponse.error(502, "fault_proxy_exception", reason);
    }

    private ArrayNode mergeItems(Iterator<JsonNode> fromUpstream) {
        ArrayNode items = JSON.createArrayNode();
        for (int i = 0; i < body.size(); i++) {
            items.add(fault.failsItem(i) ? failedItem(body.items().get(i)) : fromUpstream.next());
        }
        return items;
    }

    /** {@code {"<op>":{"_index":..,"_id":..,"status":..,"error":{"type":..,"reason":..}}}} */
    private ObjectNode failedItem(BulkBody.Item item) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode result = root.putObject(item.op());
        if (item.index() != null) {
            result.put("_index", item.index());
        }
        // an auto-id item still gets an id in OpenSearch's answer
        result.put("_id", item.id() != null ? item.id() : UUID.randomUUID().toString());
        result.put("status", fault.status());
        result.putObject("error").put("type", fault.errorType()).put("reason", ProxyResponse.INJECTED_REASON);
        return root;
    }

    private static ObjectNode emptyResponse() {
        ObjectNode root = JSON.createObjectNode();
        root.put("took", 0);
        root.put("errors", true);
        root.putArray("items");
        return root;
    }

    private static ObjectNode parse(ProxyResponse upstream, int maxBodyBytes) throws IOException {
        byte[] bytes = Gzip.isEncoded(upstream.headers()) ? Gzip.gunzip(upstream.body(), maxBodyBytes)
                : upstream.body();
        JsonNode root = JSON.readTree(bytes);
        if (root == null || !root.isObject()) {
            throw new IOException("upstream bulk response is not a JSON object: "
                    + new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8));
        }
        ObjectNode copy = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> f : root.properties()) {
            copy.set(f.getKey(), f.getValue()); // keeps upstream's field order (took, errors, items, ...)
        }
        return copy;
    }
}
