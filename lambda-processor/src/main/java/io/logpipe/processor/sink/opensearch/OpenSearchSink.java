package io.logpipe.processor.sink.opensearch;

import io.logpipe.processor.model.DeadLetter;
import io.logpipe.processor.model.LogEvent;
import io.logpipe.processor.sink.BulkActionWriter;
import io.logpipe.processor.sink.Deadline;
import io.logpipe.processor.sink.DocumentEncoder;
import io.logpipe.processor.sink.DocumentSink;
import io.logpipe.processor.sink.SinkResult;
import io.logpipe.processor.sink.SinkUnavailableException;
import io.logpipe.processor.sink.opensearch.bulk.BulkBatcher;
import io.logpipe.processor.sink.opensearch.bulk.BulkItem;
import io.logpipe.processor.sink.opensearch.bulk.BulkSender;
import io.logpipe.processor.sink.opensearch.bulk.BulkWriter;
import io.logpipe.processor.sink.opensearch.bulk.OpenSearchBulkSender;
import io.logpipe.processor.sink.opensearch.bulk.RetryPolicy;
import org.opensearch.client.opensearch.OpenSearchClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The OpenSearch sink: a thin facade that encodes documents, hands them to the {@link BulkWriter} (bulk
 * splitting, retries of failed items only) and turns permanently rejected items into dead letters that keep
 * the document. Index setup lives in {@code index/}, batching and retries in {@code bulk/}.
 */
public final class OpenSearchSink implements DocumentSink {
    private final BulkWriter writer;
    private final String index;
    private final DocumentEncoder encoder = new DocumentEncoder();
    private final BulkActionWriter actions = new BulkActionWriter();
    private final AutoCloseable client;

    public OpenSearchSink(OpenSearchSinkConfig config) {
        this(config, OpenSearchClients.create(config));
    }

    private OpenSearchSink(OpenSearchSinkConfig config, OpenSearchClient client) {
        this(config, new OpenSearchBulkSender(client, config.index()), (long millis) -> Thread.sleep(millis),
                client._transport());
    }

    /** For tests: any sender (a scripted fake), any sleeper. */
    public OpenSearchSink(OpenSearchSinkConfig config, BulkSender sender, BulkWriter.Sleeper sleeper, AutoCloseable client) {
        this.writer = new BulkWriter(sender, new BulkBatcher(config.maxBulkBytes(), config.maxBulkDocs()),
                new RetryPolicy(config.maxAttempts(), config.initialBackoff(), config.maxBackoff(), config.requestTimeout(),
                        ceiling -> ThreadLocalRandom.current().nextLong(ceiling + 1)),
                sleeper);
        this.index = config.index();
        this.client = client;
    }

    @Override
    public SinkResult write(List<LogEvent> documents, Deadline deadline) throws SinkUnavailableException {
        List<DeadLetter> rejected = new ArrayList<>(0);
        List<BulkItem> items = new ArrayList<>(documents.size());
        for (LogEvent e : documents) {
            DeadLetter failed = encoder.tryEncode(e, "document");
            if (failed != null) {
                rejected.add(failed);
                continue;
            }
            items.add(new BulkItem(e, documentBytes(), actionLine(e.raw.id())));
        }
        BulkWriter.Outcome outcome = writer.write(items, deadline);
        for (BulkItem item : outcome.rejected()) {
            rejected.add(DeadLetter.rejected("OpenSearch rejected the document: " + item.lastError(), item.event().raw,
                    new String(item.documentBytes(), StandardCharsets.UTF_8)));
        }
        return new SinkResult(outcome.created() + outcome.duplicates(), outcome.duplicates(), rejected);
    }

    private byte[] documentBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoder.size());
        try {
            encoder.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The action line of the document just encoded: it copies the id's bytes from the document when it can. */
    private byte[] actionLine(String id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        try {
            actions.writeCreate(index, id, encoder, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the OpenSearch client", e);
        }
    }
}
