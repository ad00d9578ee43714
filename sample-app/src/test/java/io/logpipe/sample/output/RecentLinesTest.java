package io.logpipe.sample.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecentLinesTest {

    @Test
    void should_keep_only_the_last_fifty_lines_oldest_first() {
        RecentLines recent = new RecentLines(RecentLines.DEFAULT_CAPACITY);

        IntStream.range(0, 120).forEach(i -> recent.add("line " + i));

        assertThat(recent.snapshot()).hasSize(50).startsWith("line 70").endsWith("line 119");
    }

    @Test
    void should_return_what_there_is_when_fewer_lines_were_written() {
        RecentLines recent = new RecentLines(50);
        recent.add("only");

        assertThat(recent.snapshot()).containsExactly("only");
    }
}
