package io.logpipe.processor.sink.opensearch.bulk;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ItemOutcomeTest {

    @ParameterizedTest
    @CsvSource({"200,CREATED", "201,CREATED", "409,DUPLICATE", "429,RETRY", "500,RETRY", "502,RETRY", "503,RETRY",
            "408,RETRY", "400,REJECT", "404,REJECT", "413,REJECT"})
    void should_classify_item_statuses_when_a_bulk_answers(int status, ItemOutcome expected) {
        assertThat(ItemOutcome.of(status)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"401,RETRY", "403,RETRY", "413,RETRY", "400,REJECT", "503,RETRY"})
    void should_classify_whole_request_statuses_when_the_request_itself_fails(int status, ItemOutcome expected) {
        assertThat(ItemOutcome.ofRequest(status)).isEqualTo(expected);
    }
}
