package io.logpipe.athena;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The module's SQL files (src/main/sql): {@code ddl/} (Athena/Glue DDL, Hive dialect), {@code views/} and
 * {@code named/} (Athena engine v3 SQL, which is Trino SQL). A file holds one statement; {@link SqlFile#statement()}
 * is its text without the trailing semicolon, byte for byte otherwise.
 */
final class SqlFiles {
    /** {@code -- @param name type description}: a named query's positional parameters, in order. */
    private static final Pattern PARAM = Pattern.compile("^--\\s*@param\\s+(\\w+)\\s+(\\w+)\\s+(.*)$");

    record Param(String name, String type, String description) {
    }

    record SqlFile(Path path, String name, String text, List<Param> params) {
        /** The statement as Trino or Athena receives it: the file without its trailing ';' and whitespace. */
        String statement() {
            String s = text.strip();
            return s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s;
        }

        /** The leading comment block (the header), without the "-- " markers. */
        String header() {
            StringBuilder out = new StringBuilder();
            for (String line : text.split("\n")) {
                if (!line.startsWith("--")) {
                    break;
                }
                out.append(line.substring(2).strip()).append('\n');
            }
            return out.toString();
        }
    }

    private SqlFiles() {
    }

    static Path root() {
        String configured = System.getProperty("logpipe.sql.dir");
        Path dir = configured != null ? Paths.get(configured) : Paths.get("src", "main", "sql");
        if (!Files.isDirectory(dir)) {
            dir = Paths.get("athena-queries", "src", "main", "sql"); // run from the repository root in an IDE
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("SQL directory not found; set -Dlogpipe.sql.dir (tried " + dir + ")");
        }
        return dir.toAbsolutePath();
    }

    static List<SqlFile> ddl() {
        return list("ddl");
    }

    static List<SqlFile> views() {
        return list("views");
    }

    static List<SqlFile> named() {
        return list("named");
    }

    static SqlFile ddl(String table) {
        return load(root().resolve("ddl").resolve(table + ".sql"));
    }

    static SqlFile named(String name) {
        return load(root().resolve("named").resolve(name + ".sql"));
    }

    static List<SqlFile> list(String folder) {
        try (Stream<Path> files = Files.list(root().resolve(folder))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().map(SqlFiles::load)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SqlFile load(Path path) {
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            String file = path.getFileName().toString();
            List<Param> params = new ArrayList<>();
            for (String line : text.split("\n")) {
                Matcher m = PARAM.matcher(line.strip());
                if (m.matches()) {
                    params.add(new Param(m.group(1), m.group(2), m.group(3).strip()));
                }
            }
            return new SqlFile(path, file.substring(0, file.length() - 4), text, List.copyOf(params));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
