package io.logpipe.processor.sink.opensearch.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders the JSON resources under {@code /opensearch/} for a set of {@link BootstrapOptions}. Each rendered
 * body carries a fingerprint of itself (in {@code _meta} or the description), so the bootstrap can tell
 * "already applied" from "changed" by reading back one string instead of diffing what the cluster normalised.
 */
final class IndexResources {
    static final String TEMPLATE = "/opensearch/index-template.json";
    static final String ISM_POLICY = "/opensearch/ism-policy.json";
    static final String ROLE = "/opensearch/role.json";
    static final String ROLE_MAPPING = "/opensearch/role-mapping.json";

    /** The fine-grained access control role the processor's IAM role is mapped to. */
    static final String WRITER_ROLE = "logpipe_writer";

    private static final String FINGERPRINT = "fingerprint";

    private IndexResources() {
    }

    /** A rendered resource and the fingerprint written into it. */
    record Rendered(Object tree, String fingerprint) {
        byte[] body() {
            return JsonTree.write(tree);
        }
    }

    static Rendered indexTemplate(BootstrapOptions o) {
        Object tree = render(TEMPLATE, Map.of("data_stream", o.dataStream(), "refresh_interval", o.refreshInterval()));
        if (o.replicas() != null) {
            JsonTree.object(tree, "template", "settings", "index").put("number_of_replicas", o.replicas().longValue());
        }
        return fingerprinted(tree);
    }

    static Rendered ismPolicy(BootstrapOptions o) {
        return fingerprinted(render(ISM_POLICY, Map.of("data_stream", o.dataStream(),
                "retention_days", Integer.toString(o.retentionDays()))));
    }

    static Rendered role(BootstrapOptions o) {
        return fingerprinted(render(ROLE, Map.of("data_stream", o.dataStream())));
    }

    /** The role mapping for {@link BootstrapOptions#roleArn()}, which must be set. */
    static Rendered roleMapping(BootstrapOptions o) {
        if (o.roleArn() == null) {
            throw new IllegalArgumentException("no role ARN to map");
        }
        return fingerprinted(render(ROLE_MAPPING, Map.of("role_arn", o.roleArn())));
    }

    static String ismPolicyId(BootstrapOptions o) {
        return "logpipe-" + o.dataStream();
    }

    /** The mappings of the rendered template, as {@code PUT <data stream>/_mapping} takes them. */
    static Object mappings(Rendered template) {
        return JsonTree.at(template.tree(), "template", "mappings");
    }

    /** The index settings of the rendered template that may change on an existing index. */
    static Map<String, Object> dynamicSettings(Rendered template) {
        Object index = JsonTree.at(template.tree(), "template", "settings", "index");
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : new String[] {"refresh_interval", "number_of_replicas", "mapping"}) {
            Object v = JsonTree.at(index, key);
            if (v != null) {
                out.put(key, v);
            }
        }
        return Map.of("index", out);
    }

    private static Object render(String resource, Map<String, String> params) {
        return JsonTree.substitute(JsonTree.parse(load(resource)), params);
    }

    /** Hashes the body with its {{fingerprint}} placeholder still in place, then fills the placeholder. */
    private static Rendered fingerprinted(Object tree) {
        String fingerprint = sha256Prefix(JsonTree.write(tree));
        Object done = JsonTree.substitute(tree, Map.of(FINGERPRINT, fingerprint));
        if (JsonTree.hasPlaceholder(done)) {
            throw new IllegalStateException("unfilled placeholder in " + new String(JsonTree.write(done),
                    StandardCharsets.UTF_8));
        }
        return new Rendered(done, fingerprint);
    }

    static byte[] load(String resource) {
        try (InputStream in = IndexResources.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256Prefix(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
