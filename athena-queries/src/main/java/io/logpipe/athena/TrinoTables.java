package io.logpipe.athena;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the Athena DDL into the Trino Hive-connector table that reads the same objects the same way, so the
 * tests (and {@link LocalLake}) query what Athena would query. The one translator of the module. What maps, and
 * what cannot:
 * <ul>
 *   <li>columns and partition columns: same names, Hive types translated by {@link HiveTypes}; partition
 *       columns go last, as Trino requires;</li>
 *   <li>{@code ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'}: {@code format = 'OPENX_JSON'}, Trino's
 *       implementation of the same SerDe (also the default for Athena's OpenX tables);</li>
 *   <li>{@code WITH SERDEPROPERTIES}: Trino has no SerDe-property clause, but it reads the table parameters
 *       together with the SerDe parameters (a partition's schema merges both), so they travel as
 *       {@code extra_properties} and the OpenX reader sees {@code mapping.*} and {@code case.insensitive} as Athena
 *       does;</li>
 *   <li>{@code LOCATION 's3://${bucket}/...'}: {@code external_location} under the test's local root;</li>
 *   <li>{@code TBLPROPERTIES projection.*}, {@code storage.location.template}: Athena-only. The test registers
 *       each partition explicitly instead, at the location the template gives ({@link #partitionLocation}), so the
 *       template itself is exercised; {@code classification} and {@code compressionType} are Glue metadata (Trino
 *       picks the codec from the .gz suffix, as Athena does).</li>
 * </ul>
 */
final class TrinoTables {
    private TrinoTables() {
    }

    /**
     * {@code CREATE TABLE} for Trino's Hive connector. {@code bucketRoot} replaces {@code s3://${bucket}} in
     * the location, e.g. {@code local://} so that {@code s3://${bucket}/logs/raw/} becomes
     * {@code local:///logs/raw/}.
     */
    static String createTable(AthenaTable t, String qualifiedName, String bucketRoot) {
        List<String> columns = new ArrayList<>();
        for (AthenaTable.Column c : t.columns()) {
            columns.add(column(c));
        }
        for (AthenaTable.Column c : t.partitionColumns()) {
            if (!c.hiveType().equalsIgnoreCase("string")) {
                throw new IllegalArgumentException("partition column " + c.name() + " must be a string");
            }
            columns.add(column(c));
        }
        List<String> with = new ArrayList<>();
        with.add("format = '" + format(t) + "'");
        if (!t.partitionColumns().isEmpty()) {
            with.add("partitioned_by = ARRAY[" + t.partitionColumns().stream().map(c -> quote(c.name()))
                    .collect(Collectors.joining(", ")) + "]");
        }
        with.add("external_location = " + quote(location(t.location(), bucketRoot)));
        if (!t.serdeProperties().isEmpty()) {
            with.add("extra_properties = MAP(ARRAY[" + t.serdeProperties().keySet().stream().map(TrinoTables::quote)
                    .collect(Collectors.joining(", ")) + "], ARRAY[" + t.serdeProperties().values().stream()
                    .map(TrinoTables::quote).collect(Collectors.joining(", ")) + "])");
        }
        return "CREATE TABLE " + qualifiedName + " (\n  " + String.join(",\n  ", columns) + "\n)\nWITH (\n  "
                + String.join(",\n  ", with) + "\n)";
    }

    /** Where Athena's partition projection looks for one partition: storage.location.template filled in. */
    static String partitionLocation(AthenaTable t, Map<String, String> values, String bucketRoot) {
        String template = t.tableProperties().get("storage.location.template");
        if (template == null) {
            throw new IllegalArgumentException(t.name() + " has no storage.location.template");
        }
        String location = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            location = location.replace("${" + v.getKey() + "}", v.getValue());
        }
        return location(location, bucketRoot);
    }

    /** The table's LOCATION with {@code s3://${bucket}} replaced by {@code bucketRoot}. */
    static String tableLocation(AthenaTable t, String bucketRoot) {
        return location(t.location(), bucketRoot);
    }

    /** The partition columns' projection properties, by column ({@code type}, {@code range}, ...). */
    static Map<String, Map<String, String>> projections(AthenaTable t) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (AthenaTable.Column c : t.partitionColumns()) {
            String prefix = "projection." + c.name() + ".";
            Map<String, String> props = new LinkedHashMap<>();
            t.tableProperties().forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    props.put(k.substring(prefix.length()), v);
                }
            });
            out.put(c.name(), props);
        }
        return out;
    }

    static String format(AthenaTable t) {
        if (t.serde() != null) {
            return switch (t.serde()) {
                case "org.openx.data.jsonserde.JsonSerDe" -> "OPENX_JSON";
                case "org.apache.hive.hcatalog.data.JsonSerDe" -> "JSON";
                case "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe" -> "PARQUET";
                default -> throw new IllegalArgumentException("no Trino format for SerDe " + t.serde());
            };
        }
        if ("PARQUET".equals(t.storedAs())) {
            return "PARQUET";
        }
        throw new IllegalArgumentException("no Trino format for " + t.name());
    }

    private static String location(String location, String bucketRoot) {
        String prefix = "s3://${bucket}";
        if (!location.startsWith(prefix + "/")) {
            throw new IllegalArgumentException("expected a location under " + prefix + "/: " + location);
        }
        if (location.substring(prefix.length()).contains("${")) {
            throw new IllegalArgumentException("unfilled template variable in " + location);
        }
        return bucketRoot + location.substring(prefix.length());
    }

    private static String column(AthenaTable.Column c) {
        String sql = "\"" + c.name() + "\" " + HiveTypes.toTrino(c.hiveType());
        return c.comment() == null ? sql : sql + " COMMENT " + quote(c.comment());
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
