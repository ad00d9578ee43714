package io.logpipe.processor.sink.opensearch.bulk;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits items into {@code _bulk} bodies of at most {@code maxBytes} and {@code maxDocs} each. A single
 * document larger than {@code maxBytes} travels alone rather than being dropped (documents are bounded by the
 * processor's own limits, far below any cluster's request limit).
 */
public final class BulkBatcher {
    private final int maxBytes;
    private final int maxDocs;

    public BulkBatcher(int maxBytes, int maxDocs) {
        this.maxBytes = maxBytes;
        this.maxDocs = maxDocs;
    }

    public List<BulkRequest> split(List<BulkItem> items) {
        List<BulkRequest> requests = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(maxBytes, 1 << 20));
        List<BulkItem> current = new ArrayList<>();
        for (BulkItem item : items) {
            if (!current.isEmpty() && (body.size() + item.size() > maxBytes || current.size() >= maxDocs)) {
                requests.add(new BulkRequest(body.toByteArray(), current));
                body.reset();
                current = new ArrayList<>();
            }
            body.writeBytes(item.action);
            body.writeBytes(item.document);
            body.write('\n');
            current.add(item);
        }
        if (!current.isEmpty()) {
            requests.add(new BulkRequest(body.toByteArray(), current));
        }
        return requests;
    }
}
