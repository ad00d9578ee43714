package io.logpipe.cdk.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpipe.cdk.LogpipeApp;
import io.logpipe.cdk.RepoPaths;
import io.logpipe.testkit.files.Directories;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Synthesised apps for tests, built with exactly the context of the root cdk.json (plus {@code env}), one per
 * environment and shared by every test class: each synthesis starts jsii's node process and takes seconds.
 * {@link NagChecks} runs cdk-nag over the same construct trees.
 */
public final class TestApps {

    private static final Map<String, Synthesized> CACHE = new ConcurrentHashMap<>();
    /** Every synthesis of this JVM goes under one directory, deleted at exit (~55 MB of templates per run). */
    private static final Path OUT_ROOT = outRoot();

    private TestApps() {
    }

    /** A synthesised app in a fresh temporary cdk.out, cached per environment. */
    public static Synthesized synth(String env) {
        return CACHE.computeIfAbsent(env, TestApps::synthFresh);
    }

    /** Always synthesises anew (the determinism test compares two runs). */
    public static Synthesized synthFresh(String env) {
        return synthFresh(env, Map.of());
    }

    /**
     * The environment with some of its top-level settings replaced (e.g. {@code accountPolicy: true}), cached too:
     * for the variants cdk.json does not hold.
     */
    public static Synthesized synthWith(String env, Map<String, Object> overrides) {
        return CACHE.computeIfAbsent(env + new java.util.TreeMap<>(overrides), k -> synthFresh(env, overrides));
    }

    private static Synthesized synthFresh(String env, Map<String, Object> overrides) {
        try {
            Path outdir = Files.createTempDirectory(OUT_ROOT, env + "-");
            Map<String, Object> context = new LinkedHashMap<>(cdkJsonContext());
            context.put("env", env);
            if (!overrides.isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> settings = new LinkedHashMap<>((Map<String, Object>) context.get("logpipe:" + env));
                settings.putAll(overrides);
                context.put("logpipe:" + env, settings);
            }
            App app = new App(AppProps.builder().context(context).outdir(outdir.toString()).build());
            LogpipeApp pipeline = LogpipeApp.build(app);
            CloudAssembly assembly = app.synth();
            return new Synthesized(env, app, pipeline, assembly, outdir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path outRoot() {
        try {
            return Directories.temporaryUntilExit("logpipe-cdk-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The "context" object of the root cdk.json, as the CDK CLI would pass it. */
    public static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson = new ObjectMapper().readValue(
                    RepoPaths.root().resolve("cdk.json").toFile(), new TypeReference<>() { });
            @SuppressWarnings("unchecked")
            Map<String, Object> context = (Map<String, Object>) cdkJson.get("context");
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One synthesised app and where its templates are. */
    public record Synthesized(String env, App app, LogpipeApp pipeline, CloudAssembly assembly, Path outdir) {

        /** Every stack's template file, in the assembly's (dependency) order. */
        public List<Path> templateFiles() {
            return assembly.getStacks().stream()
                    .map(CloudFormationStackArtifact::getTemplateFullPath)
                    .map(Path::of)
                    .toList();
        }
    }
}
