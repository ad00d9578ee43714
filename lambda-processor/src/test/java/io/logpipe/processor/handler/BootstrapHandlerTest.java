package io.logpipe.processor.handler;

import io.logpipe.processor.sink.opensearch.index.BootstrapResource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Malformed events fail before any cluster is contacted, each with a message saying what is wrong. */
class BootstrapHandlerTest {

    private static BootstrapHandler handlerThatMustNotConnect() {
        return new BootstrapHandler(new BootstrapResource(Map.of(), config -> {
            throw new AssertionError("no client expected for " + config.endpoint());
        }));
    }

    private static String invoke(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handlerThatMustNotConnect().handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rejectsWhatIsNotAnEvent() {
        assertThatThrownBy(() -> invoke("[1,2]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> invoke("{}")).hasMessageContaining("no RequestType");
        assertThatThrownBy(() -> invoke("{\"RequestType\":\"Create\"}")).hasMessageContaining("no ResourceProperties");
        assertThatThrownBy(() -> invoke("{\"RequestType\":\"Create\"," + "\"x\":\"" + "a".repeat(300_000) + "\"}"))
                .hasMessageContaining("larger than");
    }

    @Test
    void rejectsBadProperties() {
        assertThatThrownBy(() -> invoke("{\"RequestType\":\"Create\",\"ResourceProperties\":{\"DataStream\":\"x\"}}"))
                .hasMessageContaining("Endpoint is required");
        assertThatThrownBy(() -> invoke("{\"RequestType\":\"Create\",\"ResourceProperties\":"
                + "{\"Endpoint\":\"http://127.0.0.1:9\",\"RetentionDays\":\"soon\"}}"))
                .hasMessageContaining("RetentionDays must be an integer");
        assertThatThrownBy(() -> invoke("{\"RequestType\":\"Create\",\"ResourceProperties\":"
                + "{\"Endpoint\":\"http://127.0.0.1:9\",\"RoleArn\":\"not-an-arn\"}}"))
                .hasMessageContaining("not an IAM role ARN");
        assertThatThrownBy(() -> invoke("{\"RequestType\":\"Upsert\",\"ResourceProperties\":{\"Endpoint\":\"h\"}}"))
                .hasMessageContaining("unknown RequestType Upsert");
    }

    @Test
    void deleteNeverContactsTheCluster() throws Exception {
        String out = invoke("{\"RequestType\":\"Delete\",\"PhysicalResourceId\":\"logpipe-bootstrap-app-logs\","
                + "\"ResourceProperties\":{\"Endpoint\":\"http://127.0.0.1:9\"}}");
        assertThat(out).contains("\"PhysicalResourceId\":\"logpipe-bootstrap-app-logs\"");
    }

}
