package io.logpipe.processor.sink.opensearch.bulk;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.TransportException;
import org.opensearch.client.transport.httpclient5.ResponseException;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Sends pre-serialised NDJSON through opensearch-java's generic client, so documents are written once by the
 * processor and never re-serialised by the client. {@code filter_path} keeps the response to statuses and
 * errors. Transport (SigV4 or plain HTTP, compression, timeouts) comes from the client.
 */
public final class OpenSearchBulkSender implements BulkSender {
    private static final Map<String, String> PARAMS =
            Map.of("filter_path", "errors,items.*.status,items.*.error.type,items.*.error.reason");
    private static final String NDJSON = "application/x-ndjson";

    private final OpenSearchGenericClient client;
    private final String endpoint;

    public OpenSearchBulkSender(OpenSearchClient client, String index) {
        this.client = client.generic();
        this.endpoint = "/" + index + "/_bulk";
    }

    @Override
    public BulkResponse send(BulkRequest request) throws IOException {
        try (Response response = client.execute(Requests.create("POST", endpoint, List.of(), PARAMS,
                Body.from(request.body(), NDJSON)))) {
            int status = response.getStatus();
            if (status != 200) {
                return BulkResponse.failed(status, response.getBody().map(Body::bodyAsString).orElse(response.getReason()));
            }
            try (InputStream body = response.getBody().orElseThrow(() -> new IOException("bulk response has no body")).body()) {
                return new BulkResponse(status, BulkResponseParser.parseItems(body), null);
            }
        } catch (ResponseException e) {
            return BulkResponse.failed(e.status(), e.getMessage());   // HttpClient 5 transport throws on 4xx/5xx
        } catch (TransportException e) {
            ResponseException cause = responseCause(e);
            if (cause != null) {
                return BulkResponse.failed(cause.status(), cause.getMessage());
            }
            throw e;
        } catch (RuntimeException e) {
            throw new IOException("bulk request failed: " + e.getMessage(), e);
        }
    }

    private static ResponseException responseCause(Throwable t) {
        for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
            if (c instanceof ResponseException r) {
                return r;
            }
        }
        return null;
    }
}
