package io.logpipe.processor.model;

/** Where a batch came from: a CloudWatch Logs subscription or an MSK event source mapping. */
public enum SourceKind {
    CLOUDWATCH, KAFKA
}
