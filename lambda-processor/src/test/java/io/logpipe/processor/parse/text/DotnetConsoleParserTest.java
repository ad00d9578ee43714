package io.logpipe.processor.parse.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logpipe.processor.testing.Fixtures;
import io.logpipe.processor.testing.TestPipeline;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * .NET's default console format as an ASP.NET Core container writes it: each entry's header and its six-space
 * indented lines arrive as separate CloudWatch events, and are joined and parsed back into one document.
 */
class DotnetConsoleParserTest {
    private static TestPipeline.Run run;

    @BeforeAll
    static void runFixture() {
        run = new TestPipeline().lines("/ecs/orders-api", "orders-api/orders-api/5f1c",
                Fixtures.lines("app/dotnet-console-split.txt"));
    }

    @Test
    void should_join_each_entry_and_keep_every_event_when_lines_arrive_one_by_one() {
        assertThat(run.report().eventsIn()).isEqualTo(12);
        assertThat(run.report().conserved()).isTrue();
        assertThat(run.deadLetters()).isEmpty();
        assertThat(run.documents()).extracting(d -> d.at("/event/dataset").asText())
                .containsExactly("dotnet.console", "dotnet.console", "dotnet.console", "text", "text", "dotnet.console");
    }

    @Test
    void should_read_level_category_event_id_and_message_of_an_entry() {
        JsonNode doc = run.document(0);

        assertThat(doc.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(doc.at("/log/logger").asText()).isEqualTo("Microsoft.Hosting.Lifetime");
        assertThat(doc.at("/attributes/EventId").asInt()).isEqualTo(14);
        assertThat(doc.at("/message").asText()).isEqualTo("Now listening on: http://[::]:8080");
        assertThat(doc.at("/@timestamp").asText()).isEqualTo(run.document(0).at("/event/created").asText());
    }

    @Test
    void should_find_the_exception_under_a_fail_entry() {
        JsonNode doc = run.document(1);

        assertThat(doc.at("/log/level").asText()).isEqualTo("ERROR");
        assertThat(doc.at("/log/logger").asText()).isEqualTo("Orders.Api.OrdersController");
        assertThat(doc.at("/message").asText()).isEqualTo("Order 42 failed");
        assertThat(doc.at("/error/type").asText()).isEqualTo("System.InvalidOperationException");
        assertThat(doc.at("/error/message").asText()).isEqualTo("Sequence contains no elements");
        assertThat(doc.at("/error/stack_trace").asText()).isEqualTo("""
                System.InvalidOperationException: Sequence contains no elements
                   at System.Linq.ThrowHelper.ThrowNoElementsException()
                   at Orders.Api.OrdersController.Get(Int32 id) in /src/OrdersController.cs:line 31""");
        assertThat(doc.at("/error/fingerprint").asText()).hasSize(16);
    }

    @Test
    void should_not_join_an_indented_line_onto_a_line_that_is_not_a_dotnet_header() {
        assertThat(run.document(2).at("/log/level").asText()).isEqualTo("WARN");
        assertThat(run.document(2).at("/message").asText()).isEqualTo("Failed to determine the https port for redirect.");
        assertThat(run.document(3).at("/message").asText()).isEqualTo("plain text line between entries");
        assertThat(run.document(4).at("/message").asText()).isEqualTo("      indented text after a plain line stays its own event");
    }

    @Test
    void should_keep_the_header_as_message_when_its_lines_were_not_delivered() {
        JsonNode doc = run.document(5);

        assertThat(doc.at("/log/logger").asText()).isEqualTo("Orders.Api.Startup");
        assertThat(doc.at("/message").asText()).isEqualTo("info: Orders.Api.Startup[0]");
    }

    @Test
    void should_join_entries_inside_firelens_envelopes_too() {
        List<String> envelopes = new ArrayList<>();
        for (String line : Fixtures.lines("app/dotnet-console-split.txt").subList(0, 7)) {
            envelopes.add("{\"container_name\":\"orders-api\",\"source\":\"stdout\",\"log\":"
                    + TestPipeline.JSON.valueToTree(line) + "}");
        }
        TestPipeline.Run firelens = new TestPipeline().lines("/ecs/orders-api", "orders-api/firelens/5f1c", envelopes);

        assertThat(firelens.documents()).hasSize(2);
        assertThat(firelens.report().eventsIndexed()).isEqualTo(7);
        assertThat(firelens.document(1).at("/error/type").asText()).isEqualTo("System.InvalidOperationException");
        assertThat(firelens.document(1).at("/container/name").asText()).isEqualTo("orders-api");
        assertThat(firelens.document(1).at("/message").asText()).isEqualTo("Order 42 failed");
    }

    @Test
    void should_leave_lines_that_only_look_like_a_header_to_the_other_formats() {
        for (String line : List.of("info: starting up", "fail: Orders Api[1]", "note: Orders.Api[12]", "info: Orders.Api[]")) {
            assertThat(new TestPipeline().line(line).single().at("/event/dataset").asText()).as(line)
                    .isNotEqualTo("dotnet.console");
        }
    }
}
