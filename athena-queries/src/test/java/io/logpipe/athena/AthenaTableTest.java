package io.logpipe.athena;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Athena DDL files: shape, partition projection, and their translation to Trino. */
class AthenaTableTest {
    @Test
    void structuredLogsHasTheSchemaFieldsAndProjectedPartitions() {
        AthenaTable t = AthenaTable.parse(SqlFiles.ddl("structured_logs").statement());
        assertThat(t.columns()).extracting(AthenaTable.Column::name).containsExactly(
                "ts", "message", "log", "event", "service_info", "host", "cloud", "aws", "faas", "container",
                "process", "http", "url", "source", "user_agent", "error", "trace", "span", "user", "kafka", "tags",
                "attributes");
        assertThat(t.partitionColumns()).extracting(AthenaTable.Column::name).containsExactly("service", "dt", "hour");
        assertThat(t.serde()).isEqualTo("org.openx.data.jsonserde.JsonSerDe");
        assertThat(t.serdeProperties()).containsEntry("mapping.ts", "@timestamp")
                .containsEntry("mapping.service_info", "service");
        assertThat(t.location()).isEqualTo("s3://${bucket}/logs/structured/");
        assertProjected(t);
        assertThat(TrinoTables.projections(t).get("service")).containsEntry("type", "enum")
                .containsEntry("values", "${service_names}");
        assertThat(TrinoTables.partitionLocation(t, Map.of("service", "orders", "dt", "2024-03-12", "hour", "07"),
                "local://")).isEqualTo("local:///logs/structured/service=orders/dt=2024-03-12/hour=07/");
    }

    @Test
    void rawLogsHasThePayloadFieldsAndProjectedPartitions() {
        AthenaTable t = AthenaTable.parse(SqlFiles.ddl("raw_logs").statement());
        assertThat(t.columns()).extracting(AthenaTable.Column::name).containsExactly(
                "messagetype", "owner", "loggroup", "logstream", "subscriptionfilters", "logevents", "policylevel");
        assertThat(t.partitionColumns()).extracting(AthenaTable.Column::name).containsExactly("dt", "hour");
        assertProjected(t);
        assertThat(TrinoTables.partitionLocation(t, Map.of("dt", "2024-03-12", "hour", "07"), "local://"))
                .isEqualTo("local:///logs/raw/dt=2024-03-12/hour=07/");
    }

    /** Every partition column has a projection and appears in the location template; nothing else is projected. */
    private static void assertProjected(AthenaTable t) {
        assertThat(t.tableProperties()).containsEntry("projection.enabled", "true");
        Map<String, Map<String, String>> projections = TrinoTables.projections(t);
        for (AthenaTable.Column c : t.partitionColumns()) {
            assertThat(projections.get(c.name())).as(c.name()).containsKey("type");
            assertThat(t.tableProperties().get("storage.location.template"))
                    .contains(c.name() + "=${" + c.name() + "}/");
        }
        assertThat(projections.get("dt")).containsEntry("type", "date").containsEntry("format", "yyyy-MM-dd")
                .containsEntry("range", "2020-01-01,NOW");
        assertThat(projections.get("hour")).containsEntry("type", "integer").containsEntry("range", "0,23")
                .containsEntry("digits", "2");
        List<String> projected = t.tableProperties().keySet().stream()
                .filter(k -> k.startsWith("projection.") && !k.equals("projection.enabled"))
                .map(k -> k.split("\\.")[1]).distinct().toList();
        assertThat(projected).containsExactlyInAnyOrderElementsOf(
                t.partitionColumns().stream().map(AthenaTable.Column::name).toList());
        assertThat(t.tableProperties().get("storage.location.template")).startsWith(t.location());
    }

    @Test
    void hiveTypesTranslate() {
        assertThat(HiveTypes.toTrino("array<struct<id:string,timestamp:bigint,message:string>>"))
                .isEqualTo("ARRAY(ROW(\"id\" varchar, \"timestamp\" bigint, \"message\" varchar))");
        assertThat(HiveTypes.toTrino("map<string,array<int>>")).isEqualTo("MAP(varchar, ARRAY(integer))");
        assertThat(HiveTypes.toTrino("struct<a:decimal(10,2),b:float,c:varchar(5)>"))
                .isEqualTo("ROW(\"a\" decimal(10,2), \"b\" real, \"c\" varchar(5))");
        assertThatThrownBy(() -> HiveTypes.toTrino("uniontype<int,string>"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void translationCarriesSerdePropertiesAndLocation() {
        String sql = TrinoTables.createTable(AthenaTable.parse(SqlFiles.ddl("structured_logs").statement()),
                "hive.logs.structured_logs", "local://");
        assertThat(sql).contains("format = 'OPENX_JSON'")
                .contains("partitioned_by = ARRAY['service', 'dt', 'hour']")
                .contains("external_location = 'local:///logs/structured/'")
                .contains("extra_properties = MAP(ARRAY['mapping.ts', 'mapping.service_info'")
                .contains("\"ts\" varchar COMMENT")
                .contains("\"kafka\" ROW(\"topic\" varchar, \"partition\" integer, \"offset\" bigint, \"key\" varchar)");
    }

    @Test
    void parserRejectsWhatItDoesNotKnow() {
        assertThatThrownBy(() -> AthenaTable.parse("CREATE EXTERNAL TABLE t (a string) CLUSTERED BY (a) INTO 4 BUCKETS"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported clause");
    }
}
