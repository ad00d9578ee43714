package io.logpipe.processor.parse;

/** The formats the processor understands; {@link #dataset()} becomes {@code event.dataset}. */
public enum LogFormat {
    JSON("json"),
    LOGFMT("logfmt"),
    ACCESS_LOG("http.access"),
    NGINX_ERROR("nginx.error"),
    APACHE_ERROR("apache.error"),
    LAMBDA_PLATFORM("lambda.platform"),
    LAMBDA_TEXT("lambda.text"),
    PYTHON_LOGGING("python.logging"),
    RUBY_LOGGER("ruby.logger"),
    DOTNET_CONSOLE("dotnet.console"),
    NESTJS("nestjs"),
    PATTERN_LAYOUT("pattern.layout"),
    CSV("csv"),
    PLAIN_TEXT("text");

    private final String dataset;

    LogFormat(String dataset) {
        this.dataset = dataset;
    }

    public String dataset() {
        return dataset;
    }
}
