package io.logpipe.processor.sink.opensearch.index;

import io.logpipe.processor.sink.opensearch.OpenSearchClients;
import io.logpipe.processor.sink.opensearch.OpenSearchSinkConfig;
import org.opensearch.client.opensearch.OpenSearchClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The CloudFormation custom resource behind the CDK app's bootstrap (a {@code custom_resources.Provider} calls
 * {@code BootstrapHandler} with the event). Create and Update run {@link IndexBootstrapper} against the domain
 * named in the resource properties; Delete leaves the cluster alone (the domain's own deletion removes the
 * indices, and a retained domain keeps its data). A failed step fails the resource with that step's reason.
 *
 * <p>Resource properties (CloudFormation hands every value over as a string): {@code Endpoint} (host or URL,
 * required), {@code DataStream}, {@code RetentionDays}, {@code Replicas}, {@code RefreshInterval}, {@code RoleArn}
 * (the processor's role, mapped to {@code logpipe_writer}).
 */
public final class BootstrapResource {

    /** The response Data is capped by CloudFormation at 4 KB; the summary stays well below. */
    static final int MAX_SUMMARY_CHARS = 1_000;

    private final Map<String, String> env;
    private final Function<OpenSearchSinkConfig, OpenSearchClient> clients;

    /**
     * @param env     the Lambda environment ({@code AWS_REGION} for SigV4, {@code LOGPIPE_OPENSEARCH_*} client settings)
     * @param clients opens a client for the configured endpoint; closed after each run
     */
    public BootstrapResource(Map<String, String> env, Function<OpenSearchSinkConfig, OpenSearchClient> clients) {
        this.env = Map.copyOf(env);
        this.clients = Objects.requireNonNull(clients);
    }

    public static BootstrapResource fromEnvironment() {
        return new BootstrapResource(System.getenv(), OpenSearchClients::create);
    }

    /**
     * Handles one Provider-framework event.
     *
     * @return {@code PhysicalResourceId} and {@code Data.Summary}
     * @throws IllegalArgumentException for a malformed event or properties
     * @throws BootstrapFailedException when a bootstrap step failed (its message names the step and the reason)
     */
    public Map<String, Object> handle(Map<String, Object> event) {
        String requestType = string(event, "RequestType");
        if (requestType.equals("Delete")) {
            // Never fails: a Delete that throws would leave the stack stuck in DELETE_FAILED.
            return response(physicalId(event, "logpipe-bootstrap"), "nothing to do: the cluster is left as it is");
        }
        if (!requestType.equals("Create") && !requestType.equals("Update")) {
            throw new IllegalArgumentException("unknown RequestType " + requestType);
        }
        if (!(event.get("ResourceProperties") instanceof Map<?, ?> rawProps)) {
            throw new IllegalArgumentException("event has no ResourceProperties");
        }
        Map<String, String> props = new LinkedHashMap<>();
        rawProps.forEach((k, v) -> props.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        BootstrapOptions options = options(props);
        return response("logpipe-bootstrap-" + options.dataStream(), run(endpoint(props), options));
    }

    private String run(String endpoint, BootstrapOptions options) {
        Map<String, String> clientEnv = new LinkedHashMap<>(env);
        clientEnv.put("LOGPIPE_OPENSEARCH_ENDPOINT", endpoint);
        clientEnv.put("LOGPIPE_OPENSEARCH_INDEX", options.dataStream());
        OpenSearchSinkConfig config = OpenSearchSinkConfig.fromEnv(clientEnv);
        OpenSearchClient client = clients.apply(config);
        BootstrapReport report = IndexBootstrapper.runOnce(client, options);
        // The report holds step names and reasons, never credentials: safe for the CloudFormation console and logs.
        String text = report.toString().replace('\n', ';');
        if (!report.ok()) {
            throw new BootstrapFailedException("bootstrap of " + options.dataStream() + " on " + config.endpoint()
                    + " failed: " + bounded(text));
        }
        return bounded((report.noChanges() ? "ok, nothing to change: " : "ok: ") + text);
    }

    static BootstrapOptions options(Map<String, String> props) {
        BootstrapOptions d = BootstrapOptions.defaults();
        return new BootstrapOptions(
                props.getOrDefault("DataStream", d.dataStream()),
                intProp(props, "RetentionDays", d.retentionDays()),
                props.get("Replicas") == null || props.get("Replicas").isBlank() ? null : intProp(props, "Replicas", 0),
                blankToNull(props.get("RoleArn")),
                props.getOrDefault("RefreshInterval", d.refreshInterval()));
    }

    private static String endpoint(Map<String, String> props) {
        String endpoint = blankToNull(props.get("Endpoint"));
        if (endpoint == null) {
            throw new IllegalArgumentException("resource property Endpoint is required");
        }
        return endpoint;
    }

    private static Map<String, Object> response(String physicalId, String summary) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("PhysicalResourceId", physicalId);
        out.put("Data", Map.of("Summary", summary));
        return out;
    }

    /** On Delete, answer with the id CloudFormation sent, so it never sees a replacement. */
    private static String physicalId(Map<String, Object> event, String fallback) {
        Object id = event.get("PhysicalResourceId");
        return id instanceof String s && !s.isBlank() ? s : fallback;
    }

    private static String string(Map<String, Object> event, String key) {
        if (!(event.get(key) instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("event has no " + key);
        }
        return s;
    }

    private static int intProp(Map<String, String> props, String key, int fallback) {
        String v = blankToNull(props.get(key));
        try {
            return v == null ? fallback : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("resource property " + key + " must be an integer, was '" + v + "'", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String bounded(String s) {
        return s.length() <= MAX_SUMMARY_CHARS ? s : s.substring(0, MAX_SUMMARY_CHARS) + "...";
    }
}
