package io.logpipe.cdk.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code cfn-lint} executable (1.51.0 in the machine image; see {@link #executable()})
 * on a synthesised template and returns its errors (E rules). Warnings and informational findings are not
 * failures. A missing executable is an error, not a skip: the lint is part of the proof.
 */
public final class CfnLint {

    private CfnLint() {
    }

    /** The E-level findings as "E3002 Resources/Foo/Properties: message (line n)"; empty when clean. */
    public static List<String> errors(Path template) {
        String exe = executable();
        ProcessBuilder pb = new ProcessBuilder(exe, "--format", "json", "--", template.toString());
        pb.redirectErrorStream(false);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("cfn-lint did not finish on " + template);
            }
            int code = p.exitValue();
            // cfn-lint's exit code is a bit set: 2 errors, 4 warnings, 8 informational; 1 means it failed to run.
            if ((code & 1) != 0) {
                throw new IllegalStateException("cfn-lint failed on " + template + " (exit " + code + "): " + err
                        + new String(out, StandardCharsets.UTF_8));
            }
            List<String> errors = new ArrayList<>();
            JsonNode findings = new ObjectMapper().readTree(out.length == 0 ? "[]".getBytes(StandardCharsets.UTF_8) : out);
            for (JsonNode f : findings) {
                if ("Error".equals(f.path("Level").asText())) {
                    errors.add(f.path("Rule").path("Id").asText() + " " + f.path("Location").path("Path")
                            + ": " + f.path("Message").asText()
                            + " (line " + f.path("Location").path("Start").path("LineNumber").asText() + ")");
                }
            }
            if ((code & 2) != 0 && errors.isEmpty()) {
                throw new IllegalStateException("cfn-lint reported errors it did not list for " + template + ": " + err);
            }
            return errors;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + exe + " (cfn-lint 1.51.0 is expected on PATH)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code -Dlogpipe.cfnLint}, else {@code cfn-lint} on PATH, else the pyenv shim the machine image installs it
     * under (a shell without the pyenv profile has no such PATH entry).
     */
    static String executable() {
        String configured = System.getProperty("logpipe.cfnLint");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(Path.of(dir, "cfn-lint"))) {
                return Path.of(dir, "cfn-lint").toString();
            }
        }
        Path shim = Path.of(System.getProperty("user.home"), ".pyenv", "shims", "cfn-lint");
        return java.nio.file.Files.isExecutable(shim) ? shim.toString() : "cfn-lint";
    }

    /** Version line of the executable, e.g. "cfn-lint 1.51.0". */
    public static String version() {
        String exe = executable();
        try {
            Process p = new ProcessBuilder(exe, "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(1, TimeUnit.MINUTES);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + exe + " (cfn-lint 1.51.0 is expected on PATH)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
