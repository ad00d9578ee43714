package io.logpipe.processor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.logpipe.processor.testing.TestPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The text parsers index into lines by hand, so every prefix of a real line of each format, and random
 * insertions, deletions and replacements of the characters the parsers look for, must still come out as one
 * document each: no parser may throw (which would dead-letter the event) and none may drop the line.
 */
class TextFormatMutationTest {
    private static final List<String> SEEDS = List.of(
            "2024/03/12 10:15:32 [error] 29#29: *118 connect() failed (111: Connection refused) while connecting to "
                    + "upstream, client: 203.0.113.42, server: shop, request: \"GET /a?b=1 HTTP/1.1\", upstream: "
                    + "\"http://10.0.2.15:8080/a\", host: \"shop\", referrer: \"https://shop/\"",
            "[2024-03-12T10:15:32.481Z] \"GET /api/v1/orders/42?x=1 HTTP/1.1\" 503 UF,URX 0 5123 18 15 \"203.0.113.42, "
                    + "10.0.0.12\" \"Mozilla/5.0\" \"7d3f9a2b\" \"orders.local:8080\" \"10.0.2.15:8080\"",
            "[2024-03-12 10:15:35 +0000] [7] [CRITICAL] WORKER TIMEOUT (pid:13)",
            "2024-03-12T10:15:32.788Z ERROR 7 --- [orders-api] [nio-8080-exec-3] o.a.c.c.C.[.[.[/].[dispatcherServlet]"
                    + "    : Servlet.service() threw exception",
            "203.0.113.42 - alice [12/Mar/2024:10:15:32 +0000] \"POST /pay HTTP/1.1\" 502 0 \"-\" \"curl/8\" 0.532",
            "[2024-03-12 10:15:33,015] ERROR in app: Exception on /api/orders [POST]",
            "2024/03/12 10:15:32.782345 main.go:42: listening on :8080",
            "E, [2024-03-12T10:15:33.002118 #7] ERROR -- ActiveRecord: PG::ConnectionBad: could not connect",
            "fail: Orders.Api.OrdersController[1002]\n      Order 42 failed\n      System.InvalidOperationException: x"
                    + "\n         at Orders.Api.OrdersController.Get(Int32 id) in /src/OrdersController.cs:line 31",
            "2024-03-12T10:15:32.790123Z ERROR orders::db: query failed err=timeout",
            "[Nest] 17  - 03/12/2024, 12:15:35 PM    WARN [Orders] Order 42 took 812 ms +12ms",
            "[Tue Mar 12 10:15:33.000001 2024] [php:error] [pid 23] [client 172.17.0.1:60000] PHP Fatal error: x in"
                    + " /var/www/html/index.php:3, referer: http://shop.example.com/");
    private static final String SPECIALS = "[]\"#*:, /-\\0123456789 ";

    @Test
    void should_make_one_document_of_every_prefix_and_mutation_of_each_format() {
        SplittableRandom random = new SplittableRandom(42);
        List<String> lines = new ArrayList<>();
        for (String seed : SEEDS) {
            for (int end = 1; end <= seed.length(); end++) {
                lines.add(seed.substring(0, end));
            }
            for (int m = 0; m < 400; m++) {
                lines.add(mutate(seed, random));
            }
        }
        int indexed = 0;
        for (int from = 0; from < lines.size(); from += 500) {
            List<String> batch = lines.subList(from, Math.min(lines.size(), from + 500));
            TestPipeline.Run run = new TestPipeline().lines("/ecs/mutations", "mutations/1", batch);
            assertThat(run.deadLetters()).as("dead letters").isEmpty();
            assertThat(run.report().conserved()).as("conserved: %s", run.report()).isTrue();
            indexed += run.report().eventsIndexed();
        }
        assertThat(indexed).isEqualTo(lines.size());
    }

    private static String mutate(String seed, SplittableRandom random) {
        StringBuilder s = new StringBuilder(seed);
        for (int edits = 1 + random.nextInt(4); edits > 0 && !s.isEmpty(); edits--) {
            int at = random.nextInt(s.length());
            char c = SPECIALS.charAt(random.nextInt(SPECIALS.length()));
            switch (random.nextInt(3)) {
                case 0 -> s.insert(at, c);
                case 1 -> s.deleteCharAt(at);
                default -> s.setCharAt(at, c);
            }
        }
        return s.isEmpty() ? "x" : s.toString();
    }
}
