package io.logpipe.cdk.lake;

import io.logpipe.athena.AthenaTable;
import io.logpipe.athena.SqlFiles;
import io.logpipe.athena.SqlFiles.SqlFile;
import io.logpipe.cdk.RepoPaths;
import io.logpipe.processor.sink.archive.ArchivePartition;
import software.amazon.awscdk.services.glue.CfnTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data lake's SQL from athena-queries (src/main/sql), the single source of truth: the Glue tables are derived
 * from the DDL files (columns, partition keys, SerDe, partition projection) and the named queries are the files'
 * text. The deployer's template variables {@code ${bucket}} and {@code ${service_names}} are substituted here;
 * Athena's own {@code ${service}}, {@code ${dt}}, {@code ${hour}} in {@code storage.location.template} stay.
 */
public final class LakeSql {
    /** The table Firehose writes as Parquet (the DDL's "Firehose variant", athena-queries/README.md). */
    public static final String STRUCTURED_TABLE = "structured_logs";

    static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    static final String PARQUET_INPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    static final String PARQUET_OUTPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";

    private final String bucketName;
    private final String serviceNames;

    /**
     * @param bucketName   the lake bucket (may be a CDK token)
     * @param serviceNames configured service names; made key-safe as the archive sink does and joined for the
     *                     {@code enum} projection of {@code service}, with {@code unknown} always present
     */
    public LakeSql(String bucketName, List<String> serviceNames) {
        this.bucketName = bucketName;
        Set<String> values = new LinkedHashSet<>();
        for (String name : serviceNames) {
            values.add(partitionValue(name));
        }
        values.add(partitionValue(null));
        this.serviceNames = String.join(",", values);
    }

    /** The {@code service=} partition value the processor writes for this {@code service.name}. */
    public static String partitionValue(String serviceName) {
        return ArchivePartition.of(serviceName, "2020-01-01T00:00:00.000Z").service();
    }

    /** athena-queries/src/main/sql under the repository root; the jar's copy when the sources are not there. */
    public static Path sqlRoot() {
        Path dir = RepoPaths.root().resolve("athena-queries/src/main/sql");
        return Files.isDirectory(dir.resolve("ddl")) ? dir : SqlFiles.root();
    }

    public String serviceNames() {
        return serviceNames;
    }

    /** A file's text with the deployer's template variables filled in. */
    public String substitute(String sql) {
        return sql.replace("${bucket}", bucketName).replace("${service_names}", serviceNames);
    }

    public static List<SqlFile> ddlFiles() {
        return files("ddl");
    }

    public static List<SqlFile> namedQueryFiles() {
        return files("named");
    }

    public static List<SqlFile> viewFiles() {
        return files("views");
    }

    private static List<SqlFile> files(String folder) {
        try (var paths = Files.list(sqlRoot().resolve(folder))) {
            return paths.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().map(SqlFiles::load).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The DDL file parsed after substitution. */
    public AthenaTable table(SqlFile ddl) {
        return AthenaTable.parse(substitute(ddl.text()));
    }

    /** The first header line of a SQL file: what it answers. */
    public static String summary(SqlFile file) {
        String first = file.header().lines().findFirst().orElse(file.name());
        return first.length() <= 1024 ? first : first.substring(0, 1021) + "...";
    }

    /**
     * The Glue table input for a DDL table. {@code parquet}: the Firehose variant, same columns, partitions,
     * location and projection, stored as Parquet (JSON-only SerDe properties and gzip metadata dropped).
     */
    public static CfnTable.TableInputProperty tableInput(AthenaTable table, boolean parquet) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("EXTERNAL", "TRUE");
        table.tableProperties().forEach((k, v) -> {
            if (parquet && k.equals("compressionType")) {
                return;
            }
            parameters.put(k, parquet && k.equals("classification") ? "parquet" : v);
        });
        CfnTable.SerdeInfoProperty serde = parquet
                ? CfnTable.SerdeInfoProperty.builder().serializationLibrary(PARQUET_SERDE)
                        .parameters(Map.of("serialization.format", "1")).build()
                : CfnTable.SerdeInfoProperty.builder().serializationLibrary(table.serde())
                        .parameters(new LinkedHashMap<>(table.serdeProperties())).build();
        return CfnTable.TableInputProperty.builder()
                .name(table.name())
                .tableType("EXTERNAL_TABLE")
                .parameters(parameters)
                .partitionKeys(columns(table.partitionColumns()))
                .storageDescriptor(CfnTable.StorageDescriptorProperty.builder()
                        .columns(columns(table.columns()))
                        .location(table.location())
                        .inputFormat(parquet ? PARQUET_INPUT : table.inputFormat())
                        .outputFormat(parquet ? PARQUET_OUTPUT : table.outputFormat())
                        .serdeInfo(serde)
                        .build())
                .build();
    }

    private static List<Object> columns(List<AthenaTable.Column> columns) {
        List<Object> out = new ArrayList<>();
        for (AthenaTable.Column c : columns) {
            CfnTable.ColumnProperty.Builder b = CfnTable.ColumnProperty.builder().name(c.name()).type(c.hiveType());
            if (c.comment() != null) {
                b.comment(c.comment().length() <= 255 ? c.comment() : c.comment().substring(0, 252) + "...");
            }
            out.add(b.build());
        }
        return out;
    }
}
