package io.logpipe.cli.commands;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options of the throughput benchmarks: the corpus, and how many passes over it to discard and to measure. */
final class CorpusPasses {
    @Option(names = {"-i", "--input"}, required = true, description = "Corpus: one Lambda event per line.")
    Path input;

    @Option(names = "--warmup", defaultValue = "2", description = "Unmeasured passes first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--iterations", defaultValue = "5", description = "Measured passes (default: ${DEFAULT-VALUE}).")
    int iterations;
}
