package io.logpipe.athena;

import io.trino.Session;
import io.trino.plugin.hive.HivePlugin;
import io.trino.spi.type.TimeZoneKey;
import io.trino.testing.DistributedQueryRunner;
import io.trino.testing.MaterializedResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.trino.testing.TestingSession.testSessionBuilder;

/**
 * One in-process Trino 483 node (coordinator that also runs the tasks) with a Hive catalog {@code hive}: file
 * metastore and Trino's native local file system rooted at {@code root}, so {@code local:///logs/raw/} is
 * {@code root/logs/raw/}. Session in UTC, as Athena's. Schema {@code hive.logs} holds the tables. Used by the tests
 * and by {@link LocalLake}.
 */
final class EmbeddedTrino implements AutoCloseable {
    static final String CATALOG = "hive";
    static final String SCHEMA = "logs";

    final DistributedQueryRunner runner;
    final Session session;
    /** Trino's own node data (not the lake): removed by {@link #close()}, which Trino's default one was not. */
    private final Path dataDir;

    EmbeddedTrino(Path root) throws Exception {
        this(root, "metastore");
    }

    /** {@code metastoreDir}: the file metastore's folder, relative to {@code root}. */
    EmbeddedTrino(Path root, String metastoreDir) throws Exception {
        Files.createDirectories(root.resolve(metastoreDir));
        session = testSessionBuilder().setCatalog(CATALOG).setSchema(SCHEMA).setTimeZoneKey(TimeZoneKey.UTC_KEY)
                .build();
        dataDir = Files.createTempDirectory("logpipe-trino-");
        try {
            runner = DistributedQueryRunner.builder(session).setWorkerCount(0).setBaseDataDir(Optional.of(dataDir))
                    .build();
        } catch (Exception | Error e) {
            LocalFiles.deleteTree(dataDir);
            throw e;
        }
        try {
            runner.installPlugin(new HivePlugin());
            runner.createCatalog(CATALOG, "hive", Map.of(
                    "hive.metastore", "file",
                    "hive.metastore.catalog.dir", "local:///" + metastoreDir,
                    "fs.local.enabled", "true",
                    "local.location", root.toAbsolutePath().toString(),
                    "hive.allow-register-partition-procedure", "true"));
            runner.execute("CREATE SCHEMA " + CATALOG + "." + SCHEMA);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    MaterializedResult execute(String sql) {
        return runner.execute(session, sql);
    }

    /** Runs a prepared statement's text unchanged: {@code EXECUTE q USING <literals>}. */
    MaterializedResult executePrepared(String statement, List<String> literals) {
        Session prepared = Session.builder(session).addPreparedStatement("q", statement).build();
        return runner.execute(prepared, "EXECUTE q" + using(literals));
    }

    /** {@code EXPLAIN (TYPE VALIDATE)} of the same: analysis only (names, types, functions), nothing runs. */
    MaterializedResult validatePrepared(String statement, List<String> literals) {
        Session prepared = Session.builder(session).addPreparedStatement("q", statement).build();
        return runner.execute(prepared, "EXPLAIN (TYPE VALIDATE) EXECUTE q" + using(literals));
    }

    private static String using(List<String> literals) {
        return literals.isEmpty() ? "" : " USING " + literals.stream().collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        try {
            runner.close();
        } finally {
            LocalFiles.deleteTree(dataDir);
        }
    }
}
