package io.logpipe.testkit.servers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the command line that starts a node. Run directly, {@code bin/opensearch} reads its environment from the
 * {@link ProcessBuilder}; run as another user, the variables are also passed explicitly through
 * {@code /usr/bin/env}, because {@code runuser} may rewrite parts of the environment (HOME, USER, PATH...).
 */
final class OpenSearchCommand {

    private OpenSearchCommand() {
    }

    /**
     * @param runAs the user to switch to with {@code runuser -u}, empty to run as the current user
     */
    static List<String> build(OpenSearchNodeConfig config, Optional<String> runAs) {
        List<String> cmd = new ArrayList<>();
        runAs.ifPresent(user -> {
            cmd.addAll(List.of("runuser", "-u", user, "--", "/usr/bin/env"));
            config.environment().forEach((k, v) -> cmd.add(k + "=" + v));
        });
        cmd.add(config.home().resolve("bin").resolve("opensearch").toString());
        cmd.addAll(config.arguments());
        return List.copyOf(cmd);
    }
}
