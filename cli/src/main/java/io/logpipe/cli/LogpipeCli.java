package io.logpipe.cli;

import io.logpipe.cli.commands.BenchCommand;
import io.logpipe.cli.commands.BootstrapCommand;
import io.logpipe.cli.commands.DemoCommand;
import io.logpipe.cli.commands.GunzipBenchCommand;
import io.logpipe.cli.commands.LoadCommand;
import io.logpipe.cli.commands.ProcessCommand;
import io.logpipe.cli.commands.SinkBenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./logpipe}: run the processor locally. Exit codes (docs/cli.md): 0 everything accounted for and
 * indexed, 1 runtime failure, 2 usage error, 3 some input was dead-lettered (and written to the dead-letter file).
 */
@Command(name = "logpipe", mixinStandardHelpOptions = true, version = "logpipe 0.1.0",
        description = "Serverless AWS log pipeline: process CloudWatch Logs and MSK payloads into ECS documents.",
        subcommands = {ProcessCommand.class, DemoCommand.class, BenchCommand.class, BootstrapCommand.class,
                SinkBenchCommand.class, GunzipBenchCommand.class, LoadCommand.class, CommandLine.HelpCommand.class})
public final class LogpipeCli {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_DEAD_LETTERS = 3;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new LogpipeCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExitCodeExceptionMapper(e -> EXIT_FAILURE)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("logpipe: " + e.getMessage());
                    return EXIT_FAILURE;
                })
                .execute(args);
    }
}
