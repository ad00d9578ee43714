package io.logpipe.processor.sink.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchivePartitionTest {

    @Test
    void should_take_date_and_hour_from_the_utc_timestamp_when_partitioning() {
        ArchivePartition p = ArchivePartition.of("orders", "2024-03-12T10:15:32.481Z");

        assertThat(p).isEqualTo(new ArchivePartition("orders", "2024-03-12", "10"));
        assertThat(p.path()).isEqualTo("service=orders/dt=2024-03-12/hour=10/");
    }

    @Test
    void should_put_the_last_and_first_millisecond_of_a_day_in_different_partitions_when_midnight_passes() {
        ArchiveEncoder encoder = new ArchiveEncoder();

        List<EncodedDocument> docs = encoder.encode(List.of(
                ArchiveSamples.document("a", "orders", "2024-03-12T23:59:59.999Z", "last"),
                ArchiveSamples.document("b", "orders", "2024-03-13T00:00:00.000Z", "first"))).documents();

        assertThat(docs).extracting(d -> d.partition().path()).containsExactly(
                "service=orders/dt=2024-03-12/hour=23/", "service=orders/dt=2024-03-13/hour=00/");
    }

    // The same table holds for the Firehose JQ (FirehoseArchiveSink.PARTITION_KEYS_JQ), checked with jq 1.6.
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "orders              | orders",
        "Orders              | orders",
        "orders-api          | orders-api",
        "x.y_z-1             | x.y_z-1",
        "a/b=c d             | a_b_c_d",
        "Bestellungen-Über   | bestellungen-_ber",
        "😀svc               | _svc",
        "''                  | unknown",
        "NULL                | unknown",
    })
    void should_sanitise_the_service_for_s3_keys_when_partitioning(String name, String expected) {
        assertThat(ArchivePartition.sanitizeService(name)).isEqualTo(expected);
    }

    @Test
    void should_cut_the_service_to_the_maximum_when_the_name_is_long() {
        String service = ArchivePartition.sanitizeService("A".repeat(120));

        assertThat(service).isEqualTo("a".repeat(ArchivePartition.MAX_SERVICE_CHARS));
    }

    @Test
    void should_refuse_a_partition_that_could_break_the_layout_when_built_directly() {
        assertThatThrownBy(() -> new ArchivePartition("a/b", "2024-03-12", "10"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArchivePartition("orders", "2024-3-12", "10"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
