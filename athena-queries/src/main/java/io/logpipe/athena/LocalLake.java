package io.logpipe.athena;

import io.trino.testing.MaterializedResult;
import io.trino.testing.MaterializedRow;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Try the lake's SQL locally before paying for Athena: {@code ./logpipe sql "SELECT ..."} and
 * {@code ./logpipe query <name> [params...]}. Starts the embedded Trino 483 node the tests use ({@link EmbeddedTrino})
 * over a lake folder laid out as the bucket ({@code logs/raw/...}, {@code logs/structured/...}), creates
 * {@code raw_logs} and {@code structured_logs} from the Athena DDL through {@link TrinoTables}, the
 * {@code raw_log_events} view from its file, registers the partitions found on disk, runs the statement and prints
 * the result as a text table.
 *
 * <pre>
 * LocalLake sql   [--lake DIR] [--demo-data] "SELECT ..."
 * LocalLake query [--lake DIR] [--demo-data] NAME [PARAM...]     (a file of src/main/sql/named, ? bound in order)
 * LocalLake query --list
 * LocalLake lake-demo [--lake DIR] [--payloads N] [--seed N]
 * </pre>
 */
public final class LocalLake implements AutoCloseable {
    static final Path DEFAULT_LAKE = Path.of("target", "lake");
    static final int DEMO_PAYLOADS = 400;
    static final long DEMO_SEED = 42;

    private final Path lake;
    private final String metastore;
    private final EmbeddedTrino trino;
    private final PrintStream log;

    private LocalLake(Path lake, PrintStream log) throws Exception {
        this.lake = lake;
        this.log = log;
        // a fresh file metastore per run, so that a lake folder can be opened any number of times, even at once
        this.metastore = "_logpipe_metastore/" + UUID.randomUUID();
        this.trino = new EmbeddedTrino(lake, metastore);
    }

    /** Starts Trino over {@code lake} and creates the tables, partitions and view. */
    static LocalLake open(Path lake, PrintStream log) throws Exception {
        Files.createDirectories(lake);
        LocalLake local = new LocalLake(lake.toAbsolutePath(), log);
        try {
            local.createTables();
        } catch (Exception | Error e) {
            local.close();
            throw e;
        }
        return local;
    }

    private void createTables() throws IOException {
        for (SqlFiles.SqlFile ddl : SqlFiles.ddl()) {
            AthenaTable table = AthenaTable.parse(ddl.statement());
            String prefix = TrinoTables.tableLocation(table, "").replaceAll("^/+|/+$", "");
            Files.createDirectories(lake.resolve(prefix));
            trino.execute(TrinoTables.createTable(table, table.name(), "local://"));
            List<String> keys = table.partitionColumns().stream().map(AthenaTable.Column::name).toList();
            int partitions = 0;
            for (Map<String, String> partition : LakeCorpus.partitions(lake, prefix)) {
                String dir = "/" + prefix + "/" + partition.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("/")) + "/";
                if (!List.copyOf(partition.keySet()).equals(keys)
                        || !TrinoTables.partitionLocation(table, partition, "").equals(dir)) {
                    log.println("logpipe: skipping " + prefix + dir.substring(prefix.length() + 1)
                            + ": not where storage.location.template puts a partition of " + table.name());
                    continue;
                }
                partitions++;
            }
            if (partitions > 0) {
                trino.execute("CALL system.sync_partition_metadata('" + EmbeddedTrino.SCHEMA + "', '" + table.name()
                        + "', 'FULL')");
            }
            log.printf("logpipe: %s: %d partition(s) under %s%n", table.name(), partitions, lake.resolve(prefix));
        }
        for (SqlFiles.SqlFile view : SqlFiles.views()) {
            trino.execute(view.statement());
        }
    }

    /** Runs one statement as written. */
    MaterializedResult sql(String statement) {
        return trino.execute(strip(statement));
    }

    /** Runs a named query's file unchanged with its {@code ?} bound from {@code args}: EXECUTE q USING .... */
    MaterializedResult query(String name, List<String> args) {
        SqlFiles.SqlFile file = named(name);
        return trino.executePrepared(file.statement(), literals(file, args));
    }

    static SqlFiles.SqlFile named(String name) {
        Path path = SqlFiles.root().resolve("named").resolve(name + ".sql");
        if (!Files.isRegularFile(path)) {
            throw new UsageException("no named query '" + name + "'; there are: "
                    + SqlFiles.named().stream().map(SqlFiles.SqlFile::name).collect(Collectors.joining(", ")));
        }
        return SqlFiles.load(path);
    }

    /** Command-line values as SQL literals of the declared {@code @param} types, in order. */
    static List<String> literals(SqlFiles.SqlFile file, List<String> args) {
        if (args.size() != file.params().size()) {
            throw new UsageException(file.name() + " takes " + file.params().size() + " parameter(s), got "
                    + args.size() + "\n" + describe(file));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            SqlFiles.Param p = file.params().get(i);
            String v = args.get(i);
            String type = p.type().toLowerCase(Locale.ROOT);
            switch (type) {
                case "varchar", "char", "string" -> {
                    if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
                        v = v.substring(1, v.length() - 1);
                    }
                    out.add("'" + v.replace("'", "''") + "'");
                }
                case "double", "real", "bigint", "integer", "int", "smallint", "tinyint", "decimal" -> {
                    try {
                        new BigDecimal(v);
                    } catch (NumberFormatException e) {
                        throw new UsageException(p.name() + " must be a number (" + p.type() + "), got '" + v + "'");
                    }
                    out.add(type.equals("double") || type.equals("real") ? "CAST(" + v + " AS " + type + ")" : v);
                }
                default -> out.add(p.type() + " '" + v.replace("'", "''") + "'");
            }
        }
        return out;
    }

    static String describe(SqlFiles.SqlFile file) {
        StringBuilder out = new StringBuilder("  " + file.name());
        file.params().forEach(p -> out.append(' ').append(p.name()));
        out.append('\n');
        file.params().forEach(p -> out.append(String.format("    %-18s %-8s %s%n", p.name(), p.type(),
                p.description())));
        return out.toString();
    }

    @Override
    public void close() {
        try {
            trino.close();
        } finally {
            LocalFiles.deleteTree(lake.resolve(metastore));
            try (Stream<Path> left = Files.list(lake.resolve("_logpipe_metastore"))) {
                if (left.findAny().isEmpty()) {
                    Files.deleteIfExists(lake.resolve("_logpipe_metastore"));
                }
            } catch (IOException ignored) {
                // another run still has its metastore there
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Writes the demo corpus (testkit's generator through the real processor and archive partitioning). */
    static LakeCorpus writeDemo(Path lake, int payloads, long seed, PrintStream log) throws Exception {
        long t0 = System.nanoTime();
        LakeCorpus corpus = LakeCorpus.write(lake, seed,
                new LakeCorpus.Shape(payloads, 10, 60, LakeCorpus.TEST.spacingMs(), 24, false));
        log.printf("logpipe: demo lake %s: %,d documents, %,d raw events in %,d ms%n", lake.toAbsolutePath(),
                corpus.documentCount, corpus.rawEventCount, (System.nanoTime() - t0) / 1_000_000);
        return corpus;
    }

    static boolean hasData(Path lake) {
        return Files.isDirectory(lake.resolve("logs"));
    }

    /** The result as an aligned text table: header, rule, rows, then the row count and elapsed time. */
    static String table(MaterializedResult result, long elapsedNanos) {
        List<String> names;
        try {
            names = result.getColumnNames();
        } catch (RuntimeException e) {
            names = new ArrayList<>();
            for (int i = 0; i < result.getTypes().size(); i++) {
                names.add("_col" + i);
            }
        }
        int n = names.size();
        List<String[]> cells = new ArrayList<>();
        boolean[] numeric = new boolean[n];
        for (int c = 0; c < n; c++) {
            String type = result.getTypes().get(c).getDisplayName();
            numeric[c] = type.matches("(tinyint|smallint|integer|bigint|real|double|decimal.*)");
        }
        for (MaterializedRow row : result.getMaterializedRows()) {
            String[] line = new String[n];
            for (int c = 0; c < n; c++) {
                line[c] = cell(row.getField(c));
            }
            cells.add(line);
        }
        int[] width = new int[n];
        for (int c = 0; c < n; c++) {
            width[c] = names.get(c).length();
            for (String[] line : cells) {
                width[c] = Math.max(width[c], line[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>();
        List<String> rule = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            header.add(pad(names.get(c), width[c], false));
            rule.add("-".repeat(width[c]));
        }
        out.append(' ').append(String.join(" | ", header).stripTrailing()).append('\n');
        out.append('-').append(String.join("-+-", rule)).append("-\n");
        for (String[] line : cells) {
            List<String> padded = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                padded.add(pad(line[c], width[c], numeric[c]));
            }
            out.append(' ').append(String.join(" | ", padded).stripTrailing()).append('\n');
        }
        int rows = cells.size();
        out.append(String.format(Locale.ROOT, "(%d row%s, %.2f s)%n", rows, rows == 1 ? "" : "s",
                elapsedNanos / 1e9));
        return out.toString();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "NULL";
        }
        String s = switch (value) {
            case byte[] b -> "0x" + java.util.HexFormat.of().formatHex(b);
            case ZonedDateTime t -> ZONED.format(t);
            case LocalDateTime t -> LOCAL.format(t);
            default -> String.valueOf(value);
        };
        return s.replace("\n", "\\n").replace("\t", "\\t");
    }

    /** Timestamps as the Trino CLI shows them. */
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final DateTimeFormatter ZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS VV");

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }

    private static String strip(String statement) {
        String s = statement.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s;
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A command-line mistake: printed without a stack trace, exit status 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static final String USAGE = """
            usage: logpipe sql   [--lake DIR] [--demo-data] "SELECT ..."
                   logpipe query [--lake DIR] [--demo-data] NAME [PARAM...]
                   logpipe query --list
                   logpipe lake-demo [--lake DIR] [--payloads N] [--seed N]
              Runs Athena SQL on embedded Trino 483 over a local lake laid out as the bucket
              (DIR/logs/raw/dt=/hour=/, DIR/logs/structured/service=/dt=/hour=/; default DIR target/lake).
              Tables structured_logs, raw_logs (from the Athena DDL) and the view raw_log_events.
              --demo-data  first fill an empty lake with a generated corpus (2024-03-12..04-08), as lake-demo does
              query NAME   a file of athena-queries/src/main/sql/named, its ? bound from PARAMs in @param order
            """;

    public static void main(String[] args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        quietLogging();
        // Airlift's Logging.initialize() (which Trino's runner calls too) routes System.out/err into its loggers
        System.setOut(out);
        System.setErr(err);
        int status = run(args, out, err);
        out.flush();
        // Trino leaves non-daemon threads behind after close()
        System.exit(status);
    }

    /** The command line's work; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return execute(List.of(args), out, err);
        } catch (UsageException e) {
            err.println("logpipe: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            Throwable t = e;
            while (t.getCause() != null && t.getMessage() == null) {
                t = t.getCause();
            }
            err.println("logpipe: " + (t.getMessage() != null ? t.getMessage() : t.toString()));
            if (Boolean.getBoolean("logpipe.debug")) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private static int execute(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            (args.isEmpty() ? err : out).print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        String command = args.get(0);
        Path lake = DEFAULT_LAKE;
        boolean demo = false;
        boolean list = false;
        int payloads = DEMO_PAYLOADS;
        long seed = DEMO_SEED;
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--lake" -> lake = Path.of(value(args, ++i, a));
                case "--demo-data" -> demo = true;
                case "--list" -> list = true;
                case "--payloads" -> payloads = Integer.parseInt(value(args, ++i, a));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--" -> {
                    positional.addAll(args.subList(i + 1, args.size()));
                    i = args.size();
                }
                default -> {
                    if (a.startsWith("--lake=")) {
                        lake = Path.of(a.substring("--lake=".length()));
                    } else if (a.startsWith("--") && positional.isEmpty()) {
                        throw new UsageException("unknown option " + a + "\n" + USAGE);
                    } else {
                        positional.add(a);
                    }
                }
            }
        }
        switch (command) {
            case "lake-demo" -> {
                if (hasData(lake)) {
                    throw new UsageException(lake + "/logs already exists; remove it or pick another --lake");
                }
                writeDemo(lake, payloads, seed, err);
                out.println("Lake written to " + lake + ". Try:\n  ./logpipe sql --lake " + lake
                        + " \"SELECT service, count(*) FROM structured_logs GROUP BY 1 ORDER BY 2 DESC\"\n"
                        + "  ./logpipe query --lake " + lake + " error_trend day 2024-03-12 2024-04-08");
                return 0;
            }
            case "sql", "query" -> {
                if ("query".equals(command) && (list || positional.isEmpty())) {
                    PrintStream to = list ? out : err;
                    to.println("Named queries (parameters in order):");
                    SqlFiles.named().forEach(f -> to.print(describe(f)));
                    return list ? 0 : 2;
                }
                if ("sql".equals(command) && positional.size() != 1) {
                    throw new UsageException("sql takes one statement (quote it)\n" + USAGE);
                }
                // check names and parameters before starting Trino
                List<String> literals = "query".equals(command)
                        ? literals(named(positional.get(0)), positional.subList(1, positional.size())) : List.of();
                if (demo && !hasData(lake)) {
                    writeDemo(lake, payloads, seed, err);
                } else if (!hasData(lake)) {
                    err.println("logpipe: " + lake + " has no logs/ yet: tables are empty (add --demo-data, or run"
                            + " ./logpipe lake-demo)");
                }
                long t0 = System.nanoTime();
                try (LocalLake local = open(lake, err)) {
                    err.printf("logpipe: Trino ready in %,d ms%n", (System.nanoTime() - t0) / 1_000_000);
                    long q0 = System.nanoTime();
                    MaterializedResult result = "sql".equals(command) ? local.sql(positional.get(0))
                            : local.trino.executePrepared(named(positional.get(0)).statement(), literals);
                    out.print(table(result, System.nanoTime() - q0));
                }
                return 0;
            }
            default -> throw new UsageException("unknown command " + command + "\n" + USAGE);
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    /** Kept strongly reachable: java.util.logging holds loggers weakly, and would forget the level. */
    private static final Logger AIRLIFT_LOGGING = Logger.getLogger("io.airlift.log.Logging");

    /** Trino logs through Airlift (java.util.logging) at INFO, in colour, to stderr; a command line wants warnings. */
    private static void quietLogging() {
        AIRLIFT_LOGGING.setLevel(Level.WARNING);
        io.airlift.log.Logging.initialize().setRootLevel(io.airlift.log.Level.WARN);
    }

}
