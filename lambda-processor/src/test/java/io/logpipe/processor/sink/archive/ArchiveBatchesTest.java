package io.logpipe.processor.sink.archive;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchiveBatchesTest {

    @Test
    void should_split_by_count_when_there_are_more_than_500_records() {
        List<Integer> sizes = Collections.nCopies(1_201, 100);

        List<List<Integer>> batches = ArchiveBatches.split(sizes, Integer::intValue, 500, 4L << 20);

        assertThat(batches).extracting(List::size).containsExactly(500, 500, 201);
    }

    @Test
    void should_split_by_bytes_when_the_records_add_up_to_more_than_the_limit() {
        List<Integer> sizes = List.of(400, 400, 300, 100, 1_000, 1);

        List<List<Integer>> batches = ArchiveBatches.split(sizes, Integer::intValue, 500, 1_000);

        assertThat(batches).containsExactly(List.of(400, 400), List.of(300, 100), List.of(1_000), List.of(1));
    }

    @Test
    void should_keep_the_order_of_the_records_when_splitting() {
        List<Integer> ids = IntStream.range(0, 1_000).boxed().toList();

        List<List<Integer>> batches = ArchiveBatches.split(ids, id -> 1 + id % 7, 300, 900);

        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(ids);
        assertThat(batches).allSatisfy(b -> {
            assertThat(b).hasSizeLessThanOrEqualTo(300);
            assertThat(b.stream().mapToInt(id -> 1 + id % 7).sum()).isLessThanOrEqualTo(900);
        });
    }

    @Test
    void should_make_no_batch_when_there_is_nothing_to_send() {
        assertThat(ArchiveBatches.split(List.<Integer>of(), Integer::intValue, 500, 1_000)).isEmpty();
    }

    @Test
    void should_refuse_a_record_larger_than_a_batch_when_splitting() {
        assertThatThrownBy(() -> ArchiveBatches.split(List.of(1_001), Integer::intValue, 500, 1_000))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
