package io.logpipe.athena;

import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.CreateTable;
import io.trino.sql.tree.CreateView;
import io.trino.sql.tree.FunctionCall;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.Parameter;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.Statement;
import io.trino.sql.tree.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cheap checks of every .sql file, no engine: the views and named queries parse with Trino's own parser (Athena
 * engine v3's dialect), call only functions Athena engine v3 has, and declare their positional parameters in the
 * header. The DDL files are Hive DDL, which Trino's parser does not read: they go through {@link AthenaTable}
 * (which rejects clauses it does not know) and their Trino translation must parse.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlSyntaxTest {
    /**
     * Functions the SQL may call: each is documented for Athena engine v3 (its function list is Trino's, see
     * "Functions in Amazon Athena" for engine v3). A new function goes here only after checking it there.
     */
    static final Set<String> ATHENA_V3_FUNCTIONS = Set.of(
            "approx_percentile", "array_agg", "array_sort", "avg", "count", "count_if", "date_trunc",
            "from_iso8601_timestamp", "from_unixtime", "length", "max", "max_by", "min", "sum", "to_utf8",
            "json_extract_scalar");

    private static final Set<String> TABLES = Set.of("structured_logs", "raw_logs", "raw_log_events");

    private final SqlParser parser = new SqlParser();

    List<SqlFiles.SqlFile> namedQueries() {
        return SqlFiles.named();
    }

    List<SqlFiles.SqlFile> views() {
        return SqlFiles.views();
    }

    List<SqlFiles.SqlFile> ddl() {
        return SqlFiles.ddl();
    }

    @Test
    void allSevenNamedQueriesArePresent() {
        assertThat(namedQueries()).extracting(SqlFiles.SqlFile::name).containsExactlyInAnyOrder(
                "error_trend", "top_error_fingerprints", "slow_requests", "sla_report", "lambda_cold_starts",
                "log_volume_cost", "search_by_trace_id");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedQueries")
    void namedQueryParsesAndDeclaresItsParameters(SqlFiles.SqlFile file) {
        Statement statement = parser.createStatement(file.statement());
        assertThat(statement).isInstanceOf(Query.class);
        assertThat(count(statement, Parameter.class))
                .as("'?' placeholders vs '-- @param' lines in %s", file.name())
                .isEqualTo(file.params().size());
        String header = file.header();
        assertThat(header.lines().findFirst().orElse("")).as("first header line says what it answers")
                .hasSizeGreaterThan(30);
        assertThat(file.params()).allSatisfy(p -> assertThat(p.type()).isIn("varchar", "double", "bigint"));
        assertUsesOnlyAthenaFunctionsAndTables(statement, file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("views")
    void viewParses(SqlFiles.SqlFile file) {
        Statement statement = parser.createStatement(file.statement());
        assertThat(statement).isInstanceOf(CreateView.class);
        assertThat(((CreateView) statement).getName().getSuffix()).isEqualTo(file.name());
        assertThat(count(statement, Parameter.class)).isZero();
        assertUsesOnlyAthenaFunctionsAndTables(statement, file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ddl")
    void athenaDdlParsesAndItsTrinoTranslationParses(SqlFiles.SqlFile file) {
        AthenaTable table = AthenaTable.parse(file.statement());
        assertThat(table.name()).isEqualTo(file.name());
        String trino = TrinoTables.createTable(table, "hive.logs." + table.name(), "local://");
        Statement statement = parser.createStatement(trino);
        assertThat(statement).isInstanceOf(CreateTable.class);
        assertThat(((CreateTable) statement).getElements())
                .hasSize(table.columns().size() + table.partitionColumns().size());
    }

    private void assertUsesOnlyAthenaFunctionsAndTables(Statement statement, SqlFiles.SqlFile file) {
        Set<String> functions = new TreeSet<>();
        Set<String> tables = new TreeSet<>();
        walk(statement, node -> {
            if (node instanceof FunctionCall call) {
                functions.add(call.getName().toString().toLowerCase(Locale.ROOT));
            } else if (node instanceof Table table) {
                tables.add(table.getName().toString().toLowerCase(Locale.ROOT));
            }
        });
        assertThat(functions).as("functions in %s", file.name()).isSubsetOf(ATHENA_V3_FUNCTIONS);
        // CTE names show up as tables too
        tables.removeIf(t -> file.text().toLowerCase(Locale.ROOT).contains(t + " as ("));
        assertThat(tables).as("tables in %s", file.name()).isNotEmpty().isSubsetOf(TABLES);
    }

    private static int count(Node root, Class<? extends Node> type) {
        int[] n = {0};
        walk(root, node -> n[0] += type.isInstance(node) ? 1 : 0);
        return n[0];
    }

    private static void walk(Node node, Consumer<Node> visitor) {
        visitor.accept(node);
        for (Node child : node.getChildren()) {
            walk(child, visitor);
        }
    }
}
