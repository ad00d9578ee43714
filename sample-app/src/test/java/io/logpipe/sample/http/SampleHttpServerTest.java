package io.logpipe.sample.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logpipe.sample.LogLevel;
import io.logpipe.sample.OutputFormat;
import io.logpipe.sample.SampleConfig;
import io.logpipe.sample.SampleRun;
import io.logpipe.sample.SteppingClock;
import io.logpipe.sample.format.EventFormatter;
import io.logpipe.sample.generate.EventGenerator;
import io.logpipe.sample.output.LogOutput;
import io.logpipe.sample.output.RecentLines;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The endpoints on a real JDK HTTP server on an ephemeral port, fed by the real generator and output. */
class SampleHttpServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final SampleConfig CONFIG = SampleConfig.fromEnv(Map.of("PORT", "0", "LOG_FORMAT", "text",
            "LOG_LEVEL", "debug", "SERVICE_NAME", "checkout-api", "LOG_FREQUENCY", "12.5", "BURST_MULTIPLIER", "8",
            "SEED", "42"));

    private static SampleHttpServer server;
    private static StringWriter stdout;
    private static LogOutput output;

    @BeforeAll
    static void start() throws IOException {
        stdout = new StringWriter();
        RecentLines recent = new RecentLines(RecentLines.DEFAULT_CAPACITY);
        output = new LogOutput(CONFIG.logLevel(), EventFormatter.of(CONFIG.format(), CONFIG.serviceName()), stdout, null, recent);
        EventGenerator generator = new EventGenerator(new Random(42), new SteppingClock(SampleRun.START, Duration.ofMillis(20)));
        for (int i = 0; i < 300; i++) {
            output.emit(generator.next());
        }
        server = new SampleHttpServer(CONFIG, recent, output::written, Clock.systemUTC()).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void should_return_the_last_fifty_lines_written_when_logs_is_requested() throws Exception {
        HttpResponse<String> response = get("/logs");

        List<String> all = stdout.toString().lines().toList();
        JsonNode body = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(body.get("count").asInt()).isEqualTo(50);
        assertThat(JSON.convertValue(body.get("lines"), List.class)).isEqualTo(all.subList(all.size() - 50, all.size()));
    }

    @Test
    void should_return_the_effective_configuration_without_secrets_when_config_is_requested() throws Exception {
        HttpResponse<String> response = get("/config");

        JsonNode body = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.get("service_name").asText()).isEqualTo("checkout-api");
        assertThat(body.get("log_level").asText()).isEqualTo("DEBUG");
        assertThat(body.get("log_format").asText()).isEqualTo("text");
        assertThat(body.get("log_frequency").asDouble()).isEqualTo(12.5);
        assertThat(body.get("log_file").isNull()).isTrue();
        assertThat(body.get("burst_multiplier").asDouble()).isEqualTo(8);
        assertThat(body.get("burst_every_seconds").asDouble()).isEqualTo(60);
        assertThat(body.get("seed").asLong()).isEqualTo(42);
        assertThat(response.body()).doesNotContain("sess_", "token");
    }

    @Test
    void should_report_up_and_the_events_written_when_health_is_requested() throws Exception {
        HttpResponse<String> response = get("/health");

        JsonNode body = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.get("events_written").asLong()).isEqualTo(output.written()).isEqualTo(300);
    }

    @Test
    void should_welcome_and_list_the_endpoints_at_the_root() throws Exception {
        HttpResponse<String> response = get("/");

        JsonNode body = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.get("service").asText()).isEqualTo("checkout-api");
        assertThat(body.get("endpoints").fieldNames()).toIterable().containsExactly("/logs", "/config", "/health");
    }

    @Test
    void should_answer_404_for_unknown_paths_and_405_for_other_methods() throws Exception {
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> post = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/logs"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }
}
